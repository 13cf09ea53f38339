// Arithmetic in GF(2^8) with the QR field polynomial x^8+x^4+x^3+x^2+1 (0x11D)
// and generator α = 2. The exponent table is doubled so that a product of two
// logarithms never needs a modulo.
export const GF_EXP = new StaticArray<u8>(512);
export const GF_LOG = new StaticArray<u8>(256);

function fillTables(): void {
  let value: i32 = 1;
  for (let i = 0; i < 255; i++) {
    unchecked(GF_EXP[i] = <u8>value);
    unchecked(GF_EXP[i + 255] = <u8>value);
    unchecked(GF_LOG[value] = <u8>i);
    value <<= 1;
    if (value & 0x100) value ^= 0x11d;
  }
  unchecked(GF_EXP[510] = GF_EXP[0]);
  unchecked(GF_EXP[511] = GF_EXP[1]);
}
fillTables();

@inline
export function gfMul(a: i32, b: i32): i32 {
  if (a == 0 || b == 0) return 0;
  return <i32>unchecked(GF_EXP[<i32>unchecked(GF_LOG[a]) + <i32>unchecked(GF_LOG[b])]);
}

/** a / b; b must be non-zero (callers check). */
@inline
export function gfDiv(a: i32, b: i32): i32 {
  if (a == 0) return 0;
  return <i32>unchecked(GF_EXP[<i32>unchecked(GF_LOG[a]) + 255 - <i32>unchecked(GF_LOG[b])]);
}

/** α^e for any e ≥ 0. */
@inline
export function gfExp(e: i32): i32 {
  return <i32>unchecked(GF_EXP[e % 255]);
}
