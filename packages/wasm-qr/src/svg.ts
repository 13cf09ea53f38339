// A QR matrix as SVG: one path of horizontal runs, crisp edges, a light
// background including the quiet zone. Colours are attribute-escaped.
import type { QrMatrix } from './types.js';

export interface QrSvgOptions {
  /** Quiet zone in modules; default 4 (the standard's minimum). */
  margin?: number;
  /** Pixels per module for width/height; default: no size (scales to its container). */
  moduleSize?: number;
  /** Default '#000'. */
  dark?: string;
  /** Default '#fff'; null for a transparent background. */
  light?: string | null;
  /** Accessible name; default 'QR code'. */
  title?: string;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function qrToSvg(matrix: Pick<QrMatrix, 'size' | 'modules'>, options: QrSvgOptions = {}): string {
  const { size, modules } = matrix;
  if (!Number.isInteger(size) || size <= 0 || !(modules instanceof Uint8Array) || modules.length < size * size) {
    throw new TypeError('wasm-qr: qrToSvg() needs { size, modules } with size·size modules');
  }
  const margin = options.margin ?? 4;
  if (!Number.isInteger(margin) || margin < 0) throw new TypeError('wasm-qr: margin must be a non-negative integer');
  const extent = size + margin * 2;
  let path = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; ) {
      if (!modules[y * size + x]) { x++; continue; }
      let end = x + 1;
      while (end < size && modules[y * size + end]) end++;
      path += `M${x + margin} ${y + margin}h${end - x}v1h${x - end}z`;
      x = end;
    }
  }
  const dark = escapeAttribute(options.dark ?? '#000');
  const light = options.light === undefined ? '#fff' : options.light;
  const dimensions = options.moduleSize !== undefined && options.moduleSize > 0
    ? ` width="${extent * options.moduleSize}" height="${extent * options.moduleSize}"`
    : '';
  const title = escapeAttribute(options.title ?? 'QR code').replace(/'/g, '&#39;');
  const background = light === null ? '' : `<rect width="${extent}" height="${extent}" fill="${escapeAttribute(light)}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${extent} ${extent}"${dimensions} shape-rendering="crispEdges" role="img" aria-label="${title}">`
    + `${background}<path fill="${dark}" d="${path}"/></svg>`;
}
