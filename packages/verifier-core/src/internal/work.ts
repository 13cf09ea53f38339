// Work counters of the bounded decoders, for tests: a bomb test checks that a
// hostile input stopped at its cap (bytes written, items read) rather than how
// long it took, which a loaded machine cannot promise. Each decoder adds its
// totals once per call, so the counters cost nothing per byte or item.

export interface DecoderWork {
  /** inflate calls, DEFLATE input bytes read and output bytes written (up to where a call stopped). */
  inflateCalls: number;
  inflateInputBytes: number;
  inflateOutputBytes: number;
  /** decodeCbor calls, data items read and input bytes read (up to where a call stopped). */
  cborCalls: number;
  cborItems: number;
  cborBytes: number;
}

/** Running totals since the module was loaded; tests read differences. */
export const decoderWork: DecoderWork = {
  inflateCalls: 0, inflateInputBytes: 0, inflateOutputBytes: 0, cborCalls: 0, cborItems: 0, cborBytes: 0,
};
