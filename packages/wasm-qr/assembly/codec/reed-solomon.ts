// Reed–Solomon over GF(256) as QR uses it: generator ∏(x − α^i), i = 0..n−1,
// codeword bytes in order of decreasing degree. The decoder finds errors with
// Berlekamp–Massey, locates them with a Chien search, sizes them with Forney,
// and re-checks the syndromes so that an uncorrectable block is reported,
// never silently "fixed" into something the code does not vouch for.
// Erasures (codewords known to be doubtful) are handled with Forney
// syndromes: BM runs on the syndromes with the erasures divided out, and the
// full locator is the product of both locators.
import { GF_EXP, GF_LOG, gfDiv, gfExp, gfMul } from './gf256';

const MAX_EC = 68; // the largest EC count per block in any QR version is 30; leave room
const syndromes = new StaticArray<i32>(MAX_EC);
const locator = new StaticArray<i32>(MAX_EC + 1);
const previous = new StaticArray<i32>(MAX_EC + 1);
const scratch = new StaticArray<i32>(MAX_EC + 1);
const evaluator = new StaticArray<i32>(MAX_EC + 1);
const errorPositions = new StaticArray<i32>(MAX_EC);
const erasureLocator = new StaticArray<i32>(MAX_EC + 1);
const forneySyndromes = new StaticArray<i32>(MAX_EC);

/** Status of the last correctBlock call: errors corrected (≥ 0) or −1. */
export let lastCorrectedErrors: i32 = 0;

/**
 * Corrects block[offset .. offset+length) in place; the last ecCount bytes are
 * the EC codewords. maxErrors caps corrections below ⌊ecCount/2⌋ where the
 * standard reserves misdecode-protection codewords (versions 1–3).
 * Returns true when the block is (now) a codeword.
 */
export function correctBlock(block: Uint8Array, offset: i32, length: i32, ecCount: i32, maxErrors: i32): bool {
  return correctBlockWithErasures(block, offset, length, ecCount, 2 * maxErrors, erasurePositionsNone, 0);
}

const erasurePositionsNone = new StaticArray<i32>(0);

/**
 * As correctBlock, with `erasureCount` doubtful codewords (indexes within the
 * block) given: corrects ν errors and the e erasures when 2ν + e ≤ budget
 * (at most ecCount; callers keep a margin below it so that a wrong block
 * is still detected).
 */
export function correctBlockWithErasures(
  block: Uint8Array, offset: i32, length: i32, ecCount: i32, budget: i32,
  erasures: StaticArray<i32>, erasureCount: i32,
): bool {
  lastCorrectedErrors = -1;
  if (ecCount <= 0 || ecCount > MAX_EC || length <= ecCount || length > 255 || offset < 0 || offset + length > block.length) return false;
  if (erasureCount < 0 || erasureCount > erasures.length || erasureCount > budget || budget > ecCount) return false;
  if (!computeSyndromes(block, offset, length, ecCount)) {
    lastCorrectedErrors = 0;
    return true;
  }
  // Γ(x) = ∏ (1 + Z·x) over the erasures, Z = α^degree
  for (let i = 0; i <= ecCount; i++) unchecked(erasureLocator[i] = 0);
  unchecked(erasureLocator[0] = 1);
  for (let l = 0; l < erasureCount; l++) {
    const index = unchecked(erasures[l]);
    if (index < 0 || index >= length) return false;
    const z = gfExp(length - 1 - index);
    for (let i = l + 1; i >= 1; i--) unchecked(erasureLocator[i] ^= gfMul(z, erasureLocator[i - 1]));
  }
  // Forney syndromes: coefficients e..ecCount−1 of Γ(x)·S(x); the erasures cancel out of them
  const modifiedCount = ecCount - erasureCount;
  for (let k = 0; k < modifiedCount; k++) {
    const j = k + erasureCount;
    let value = 0;
    for (let i = 0; i <= erasureCount; i++) value ^= gfMul(unchecked(erasureLocator[i]), unchecked(syndromes[j - i]));
    unchecked(forneySyndromes[k] = value);
  }
  const errorsOnly = berlekampMassey(forneySyndromes, modifiedCount);
  if (errorsOnly < 0 || 2 * errorsOnly + erasureCount > budget) return false;
  // Λ = σ·Γ
  const errorCount = errorsOnly + erasureCount;
  for (let i = 0; i <= errorCount; i++) {
    let value = 0;
    for (let a = 0; a <= errorsOnly; a++) {
      const b = i - a;
      if (b >= 0 && b <= erasureCount) value ^= gfMul(unchecked(locator[a]), unchecked(erasureLocator[b]));
    }
    unchecked(scratch[i] = value);
  }
  for (let i = 0; i <= ecCount; i++) unchecked(locator[i] = i <= errorCount ? scratch[i] : 0);
  if (!chienSearch(errorCount, length)) return false;
  computeEvaluator(ecCount, errorCount);
  for (let k = 0; k < errorCount; k++) {
    const position = unchecked(errorPositions[k]); // degree of the erroneous coefficient
    const x = gfExp(position);
    const xInverse = gfExp(255 - position);
    // Forney with first consecutive root α^0: e = X · Ω(X⁻¹) / Λ'(X⁻¹)
    let numerator = 0;
    let power = 1;
    for (let i = 0; i < ecCount; i++) {
      numerator ^= gfMul(unchecked(evaluator[i]), power);
      power = gfMul(power, xInverse);
    }
    // Λ' over GF(2): only odd-degree terms survive, as i·Λ_i x^(i−1)
    let denominator = 0;
    power = 1;
    const xInverseSquared = gfMul(xInverse, xInverse);
    for (let i = 1; i <= errorCount; i += 2) {
      denominator ^= gfMul(unchecked(locator[i]), power);
      power = gfMul(power, xInverseSquared);
    }
    if (denominator == 0) return false;
    const magnitude = gfMul(x, gfDiv(numerator, denominator));
    const index = offset + length - 1 - position;
    block[index] = <u8>(<i32>block[index] ^ magnitude);
  }
  if (computeSyndromes(block, offset, length, ecCount)) return false;
  lastCorrectedErrors = errorCount;
  return true;
}

/** Fills syndromes S_j = r(α^j); returns true when any is non-zero. */
function computeSyndromes(block: Uint8Array, offset: i32, length: i32, ecCount: i32): bool {
  let any = false;
  for (let j = 0; j < ecCount; j++) {
    // Horner's rule; multiplying by the root α^j is adding j to the logarithm
    let value = 0;
    for (let i = 0; i < length; i++) {
      const product = value == 0 ? 0 : <i32>unchecked(GF_EXP[<i32>unchecked(GF_LOG[value]) + j]);
      value = product ^ <i32>unchecked(block[offset + i]);
    }
    unchecked(syndromes[j] = value);
    if (value != 0) any = true;
  }
  return any;
}

/** Error-locator polynomial (coefficients by ascending degree) of source[0..ecCount) into `locator`; returns its degree. */
function berlekampMassey(source: StaticArray<i32>, ecCount: i32): i32 {
  for (let i = 0; i <= ecCount; i++) {
    unchecked(locator[i] = 0);
    unchecked(previous[i] = 0);
  }
  unchecked(locator[0] = 1);
  unchecked(previous[0] = 1);
  let degree = 0;
  let shift = 1;
  let previousDiscrepancy = 1;
  for (let n = 0; n < ecCount; n++) {
    let discrepancy = unchecked(source[n]);
    for (let i = 1; i <= degree; i++) discrepancy ^= gfMul(unchecked(locator[i]), unchecked(source[n - i]));
    if (discrepancy == 0) {
      shift++;
      continue;
    }
    const factor = gfDiv(discrepancy, previousDiscrepancy);
    if (2 * degree <= n) {
      for (let i = 0; i <= ecCount; i++) unchecked(scratch[i] = locator[i]);
      for (let i = 0; i + shift <= ecCount; i++) unchecked(locator[i + shift] ^= gfMul(factor, previous[i]));
      degree = n + 1 - degree;
      for (let i = 0; i <= ecCount; i++) unchecked(previous[i] = scratch[i]);
      previousDiscrepancy = discrepancy;
      shift = 1;
    } else {
      for (let i = 0; i + shift <= ecCount; i++) unchecked(locator[i + shift] ^= gfMul(factor, previous[i]));
      shift++;
    }
  }
  for (let i = degree + 1; i <= ecCount; i++) if (unchecked(locator[i]) != 0) return -1;
  // an empty modified syndrome sequence leaves Λ = 1: no errors besides the erasures
  return degree;
}

/** Roots of Λ among the block's positions; true when exactly `errorCount` are found. */
function chienSearch(errorCount: i32, length: i32): bool {
  let found = 0;
  for (let position = 0; position < length; position++) {
    // Λ(α^−position) == 0 ⇔ an error at the coefficient of degree `position`
    const xInverse = gfExp(255 - position);
    let value = 0;
    let power = 1;
    for (let i = 0; i <= errorCount; i++) {
      value ^= gfMul(unchecked(locator[i]), power);
      power = gfMul(power, xInverse);
    }
    if (value == 0) {
      if (found >= errorCount) return false;
      unchecked(errorPositions[found] = position);
      found++;
    }
  }
  return found == errorCount;
}

/** Ω(x) = S(x)·Λ(x) mod x^ecCount. */
function computeEvaluator(ecCount: i32, errorCount: i32): void {
  for (let i = 0; i < ecCount; i++) {
    let value = 0;
    const top = i < errorCount ? i : errorCount;
    for (let j = 0; j <= top; j++) value ^= gfMul(unchecked(locator[j]), unchecked(syndromes[i - j]));
    unchecked(evaluator[i] = value);
  }
}

const generator = new StaticArray<i32>(MAX_EC + 1);
let generatorDegree: i32 = -1;

function buildGenerator(degree: i32): void {
  if (generatorDegree == degree) return;
  // coefficients by descending degree, leading 1 implicit at index 0
  for (let i = 0; i <= degree; i++) unchecked(generator[i] = 0);
  unchecked(generator[0] = 1);
  for (let k = 0; k < degree; k++) {
    const root = gfExp(k);
    // multiply by (x − α^k): new[i] = old[i] + root·old[i−1]
    for (let i = k + 1; i >= 1; i--) unchecked(generator[i] ^= gfMul(generator[i - 1], root));
  }
  generatorDegree = degree;
}

/** Writes the ecCount EC codewords of data[dataOffset .. +dataLength) to out[outOffset ..]. */
export function computeEcCodewords(data: Uint8Array, dataOffset: i32, dataLength: i32, ecCount: i32, out: Uint8Array, outOffset: i32): void {
  buildGenerator(ecCount);
  for (let i = 0; i < ecCount; i++) out[outOffset + i] = 0;
  for (let i = 0; i < dataLength; i++) {
    const factor = <i32>data[dataOffset + i] ^ <i32>out[outOffset];
    for (let j = 0; j < ecCount - 1; j++) out[outOffset + j] = out[outOffset + j + 1];
    out[outOffset + ecCount - 1] = 0;
    if (factor != 0) {
      for (let j = 0; j < ecCount; j++) out[outOffset + j] = <u8>(<i32>out[outOffset + j] ^ gfMul(unchecked(generator[j + 1]), factor));
    }
  }
}
