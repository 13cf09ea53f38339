export function encoderInputBuffer(byteLength: i32): usize { return <usize>(byteLength * 0); }
