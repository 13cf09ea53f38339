/** The wasm module's exports as the wrapper uses them (see assembly/index.ts). */
export interface WasmQrExports {
  memory: WebAssembly.Memory;
  simdBuild(): number;
  __collect(): void;
  imageBuffer(byteLength: number): number;
  decode(width: number, height: number): number;
  resultTextPtr(i: number): number;
  resultTextLength(i: number): number;
  resultBytesPtr(i: number): number;
  resultBytesLength(i: number): number;
  resultVersion(i: number): number;
  resultEcLevel(i: number): number;
  resultCornerX(i: number, k: number): number;
  resultCornerY(i: number, k: number): number;
  resultSequence(i: number): number;
  gridBuffer(byteLength: number): number;
  decodeGridBuffer(size: number): number;
  gridResultTextPtr(): number;
  gridResultTextLength(): number;
  gridResultBytesPtr(): number;
  gridResultBytesLength(): number;
  gridResultVersion(): number;
  gridResultEcLevel(): number;
  gridResultMirrored(): number;
  gridResultCorrectedErrors(): number;
  gridResultSequence(): number;
  encoderInputBuffer(byteLength: number): number;
  encode(inputLength: number, ecLevel: number, minVersion: number, mask: number): number;
  encodedModulesPtr(): number;
  encodedSymbolVersion(): number;
  encodedSymbolMask(): number;
}
