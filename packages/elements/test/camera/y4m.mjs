// A tiny YUV4MPEG2 writer for Chromium's fake camera
// (--use-file-for-fake-video-capture): 4:2:0, full-range ("C420jpeg"), grey
// pictures only, so the chroma planes are flat 128.
import fs from 'node:fs';

/** Writes `frames` (each a width×height luma plane, 0 = black, 255 = white) as a .y4m file. */
export function writeY4m(file, { width, height, fps, frames }) {
  if (width % 2 || height % 2) throw new RangeError('4:2:0 needs an even width and height');
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const out = fs.openSync(file, 'w');
  try {
    fs.writeSync(out, `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
    for (const luma of frames) {
      if (luma.length !== width * height) throw new RangeError('a frame is not width×height');
      fs.writeSync(out, 'FRAME\n');
      fs.writeSync(out, luma);
      fs.writeSync(out, chroma);
      fs.writeSync(out, chroma);
    }
  } finally {
    fs.closeSync(out);
  }
}

/** A white luma plane with the QR `matrix` ({ size, modules }) drawn centred, `scale` pixels per module. */
export function qrLuma(matrix, { width, height, scale }) {
  const luma = Buffer.alloc(width * height, 255);
  const side = matrix.size * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  if (left < 4 * scale || top < 4 * scale) throw new RangeError('the code and its quiet zone do not fit the frame');
  for (let y = 0; y < matrix.size; y++) {
    for (let x = 0; x < matrix.size; x++) {
      if (!matrix.modules[y * matrix.size + x]) continue;
      for (let dy = 0; dy < scale; dy++) luma.fill(0, (top + y * scale + dy) * width + left + x * scale, (top + y * scale + dy) * width + left + (x + 1) * scale);
    }
  }
  return luma;
}

export const blankLuma = (width, height) => Buffer.alloc(width * height, 255);
