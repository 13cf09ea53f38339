export function gridBuffer(byteLength: i32): usize { return <usize>(byteLength * 0); }
