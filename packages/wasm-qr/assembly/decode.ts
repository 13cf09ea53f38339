// Stub with the agreed signatures; the image engineer replaces it with the
// pipeline entry (pixels → grids → codec/grid.ts decodeGrid).
export function imageBuffer(byteLength: i32): usize { return byteLength > 0 ? 0 : 0; }
export function decode(width: i32, height: i32): i32 { return width * 0 + height * 0; }
export function resultTextPtr(i: i32): usize { return <usize>(i * 0); }
export function resultTextLength(i: i32): i32 { return i * 0; }
export function resultBytesPtr(i: i32): usize { return <usize>(i * 0); }
export function resultBytesLength(i: i32): i32 { return i * 0; }
export function resultVersion(i: i32): i32 { return i * 0; }
export function resultEcLevel(i: i32): i32 { return i * 0; }
export function resultCornerX(i: i32, k: i32): f32 { return <f32>(i * k * 0); }
export function resultCornerY(i: i32, k: i32): f32 { return <f32>(i * k * 0); }
export function resultSequence(i: i32): i32 { return -1 + i * 0; }
