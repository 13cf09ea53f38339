// The image half of the pipeline: luma → binarisations (tried in turn, the
// cheap and common one first) → finder triples → sampled module grids, each
// handed to the caller, which decodes it and says whether it was a symbol.

import { blockStats, blockThresholds, fillThresholds, otsuThreshold } from './binarize';
import { BitImage } from './bitimage';
import { FinderCandidates, MAX_CANDIDATES, MAX_CONFIRMATIONS, findFinderPatterns } from './finder';
import { Triples, groupFinderPatterns } from './group';
import { SymbolLocator, SAMPLE_ALIGNMENT_GRID, SAMPLE_HOMOGRAPHY, SAMPLE_PARALLELOGRAM } from './locate';
import { boxBlur3 } from './luma';

/** Called with each sampled grid; returns true when the grid decoded. */
export type GridHandler = (grid: Uint8Array, dimension: i32, locator: SymbolLocator) => bool;

/**
 * Grids sampled at most in each of the two plain passes (dark-on-light, light-on-dark), and in each
 * fallback pass: bounds the time spent on frames without a code (most of a scanner's frames).
 */
const MAX_GRIDS_FIRST_PASS: i32 = 16;
const MAX_GRIDS_LATER_PASS: i32 = 4;
/** Finder triples tried per plain pass at most, and per fallback pass. */
const MAX_TRIPLES_PER_PASS: i32 = 10;
const MAX_TRIPLES_LATER_PASS: i32 = 5;
/** Row sightings checked per fallback pass (faint thresholds make noise look like finders). */
const MAX_CONFIRMATIONS_LATER_PASS: i32 = 2000;
/** Normal contrast: blocks with less spread than this are treated as flat. */
const MIN_RANGE_NORMAL: i32 = 24;
/** Faint prints: a much smaller spread still counts as a block with an edge. */
const MIN_RANGE_FAINT: i32 = 7;

let thresholds = new Uint8Array(0);
let blurred = new Uint8Array(0);
const finders = new FinderCandidates();
const triples = new Triples();
const locator = new SymbolLocator();
const grid = new Uint8Array(177 * 177);
const view = new BitImage();
const HOMOGRAPHY_FIRST: StaticArray<i32> = [SAMPLE_HOMOGRAPHY, SAMPLE_ALIGNMENT_GRID, SAMPLE_PARALLELOGRAM];
const GRID_FIRST: StaticArray<i32> = [SAMPLE_ALIGNMENT_GRID, SAMPLE_HOMOGRAPHY, SAMPLE_PARALLELOGRAM];
const usedFinders = new StaticArray<bool>(MAX_CANDIDATES);

/** For diagnostics and tests: what the last scan saw (finder candidates, triples, the pass that decoded). */
export let lastFinderCount: i32 = 0;
export let lastTripleCount: i32 = 0;
export let lastPass: i32 = -1;
/** triples dropped by the format pre-check, and by their geometry, in the last pass */
export let lastFormatRejects: i32 = 0;
export let lastGeometryRejects: i32 = 0;

/** Binarisation passes tried, in order, until one yields a code. */
const PASS_BLOCKS: i32 = 0;
const PASS_BLOCKS_INVERTED: i32 = 1;
const PASS_FAINT: i32 = 2;
const PASS_FAINT_INVERTED: i32 = 3;
const PASS_SMOOTHED: i32 = 4;
const PASS_GLOBAL: i32 = 5;
/** tried only when an inverted pass saw finder-like patterns: light-on-dark codes that need the fallbacks too */
const PASS_SMOOTHED_INVERTED: i32 = 6;
const PASS_GLOBAL_INVERTED: i32 = 7;
const PASS_COUNT: i32 = 8;
/** finder candidates an inverted pass must see for the inverted fallbacks to run */
const MIN_INVERTED_FINDERS: i32 = 3;

/**
 * Scans `luma` (width × height) for QR symbols; returns how many the handler
 * accepted.
 */
export function scanLuma(luma: Uint8Array, width: i32, height: i32, handler: GridHandler): i32 {
  const pixels = width * height;
  const blocks = ((width + 7) >> 3) * ((height + 7) >> 3);
  if (thresholds.length < blocks) thresholds = new Uint8Array(blocks);
  // a finder is at least 7 modules of 2+ pixels tall: large images need not be scanned on every row
  const rowStep = min(4, max(1, min(width, height) / 180));
  lastPass = -1;
  let invertedFinders = 0;
  let blurReady = false;
  let globalThreshold = -1;
  for (let pass = 0; pass < PASS_COUNT; pass++) {
    let source = luma;
    let inverted = false;
    if (pass == PASS_BLOCKS) blockThresholds(thresholds, width, height, MIN_RANGE_NORMAL);
    else if (pass == PASS_BLOCKS_INVERTED) {
      inverted = true;
      blockThresholds(thresholds, width, height, MIN_RANGE_NORMAL, true);
    } else if (pass == PASS_FAINT) blockThresholds(thresholds, width, height, MIN_RANGE_FAINT);
    else if (pass == PASS_FAINT_INVERTED) {
      inverted = true;
      blockThresholds(thresholds, width, height, MIN_RANGE_FAINT, true);
    } else if (pass == PASS_SMOOTHED || pass == PASS_SMOOTHED_INVERTED) {
      inverted = pass == PASS_SMOOTHED_INVERTED;
      if (inverted && invertedFinders < MIN_INVERTED_FINDERS) continue;
      if (!blurReady) {
        // blurred once: the inverted pass reuses the image and its block statistics
        if (blurred.length < pixels) blurred = new Uint8Array(pixels);
        boxBlur3(luma, blurred, width, height);
        blockStats(blurred, width, height);
        blurReady = true;
      }
      blockThresholds(thresholds, width, height, MIN_RANGE_NORMAL, inverted);
      source = blurred;
    } else {
      inverted = pass == PASS_GLOBAL_INVERTED;
      if (inverted && invertedFinders < MIN_INVERTED_FINDERS) continue;
      if (globalThreshold < 0) globalThreshold = otsuThreshold(luma, pixels);
      fillThresholds(thresholds, width, height, globalThreshold);
    }
    view.set(source, thresholds, width, height, inverted);
    locator.strictFormat = pass >= PASS_FAINT;
    // the two plain passes (either polarity) get the full budget; the fallbacks, whose thresholds
    // turn noise into finder look-alikes, a smaller one (they decode with their best triples)
    const fallback = pass >= PASS_FAINT;
    const found = fallback
      ? scanBits(view, rowStep, handler, MAX_GRIDS_LATER_PASS, MAX_TRIPLES_LATER_PASS, MAX_CONFIRMATIONS_LATER_PASS)
      : scanBits(view, rowStep, handler, MAX_GRIDS_FIRST_PASS, MAX_TRIPLES_PER_PASS, MAX_CONFIRMATIONS);
    if (found > 0) {
      lastPass = pass;
      return found;
    }
    if (inverted) invertedFinders = max(invertedFinders, lastFinderCount);
  }
  return 0;
}

function scanBits(img: BitImage, rowStep: i32, handler: GridHandler, maxGrids: i32, maxTriples: i32, maxConfirmations: i32): i32 {
  findFinderPatterns(img, rowStep, finders, maxConfirmations);
  lastFinderCount = finders.count;
  lastTripleCount = 0;
  if (finders.count < 3) return 0;
  groupFinderPatterns(finders, triples);
  lastTripleCount = triples.count;
  lastFormatRejects = 0;
  lastGeometryRejects = 0;
  for (let i = 0; i < finders.count; i++) unchecked((usedFinders[i] = false));
  let found = 0;
  let budget = maxGrids;
  const tripleCount = min(triples.count, maxTriples);
  for (let t = 0; t < tripleCount && budget > 0; t++) {
    const a = unchecked(triples.topLeft[t]);
    const b = unchecked(triples.topRight[t]);
    const c = unchecked(triples.bottomLeft[t]);
    if (unchecked(usedFinders[a]) || unchecked(usedFinders[b]) || unchecked(usedFinders[c])) continue;
    if (!locator.setFinders(img, finders, a, b, c)) {
      lastGeometryRejects++;
      continue;
    }
    let decoded = false;
    for (let d = 0; d < locator.dimensionCandidateCount && !decoded && budget > 0; d++) {
      if (!locator.setDimension(unchecked(locator.dimensionCandidates[d]))) continue;
      if (!locator.formatPlausible()) {
        lastFormatRejects++;
        continue;
      }
      locator.locateCornerAlignment();
      // with the corner alignment pattern found, one homography is exact for a flat print and cheapest;
      // otherwise the alignment grid first
      const order = locator.hasAlignment ? HOMOGRAPHY_FIRST : GRID_FIRST;
      for (let m = 0; m < 3 && budget > 0; m++) {
        const method = unchecked(order[m]);
        if (!locator.applies(method)) continue;
        budget--;
        locator.sample(method, grid);
        if (handler(grid, locator.dimension, locator)) {
          decoded = true;
          break;
        }
        if (budget > 0 && locator.rethreshold(grid)) {
          budget--;
          if (handler(grid, locator.dimension, locator)) {
            decoded = true;
            break;
          }
        }
      }
    }
    if (decoded) {
      found++;
      unchecked((usedFinders[a] = true));
      unchecked((usedFinders[b] = true));
      unchecked((usedFinders[c] = true));
    }
  }
  return found;
}
