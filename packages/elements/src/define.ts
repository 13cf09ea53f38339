// Registers <pass-scanner> and <pass-display>. Issue #6 fills this in.
export {};
