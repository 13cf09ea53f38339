// Module worker entry for createQrWorker (filled in with the wrapper).
export {};
