// Shared by the element tests: an issuer made by the test kit, a verifier that
// trusts it, and QR pictures drawn from pass texts.
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createShcIssuer } from '@pass-check/verifier-core/testing';
import { encodeQrMatrix } from '@pass-check/elements';

export async function trustedIssuer(options = {}) {
  const issuer = await createShcIssuer();
  const trust = createTrustStore();
  await trust.addShcIssuer(issuer.trustEntry());
  const verifier = createVerifier({ trust, ...options });
  return { issuer, trust, verifier };
}

/** A canvas with `text` as a QR code, `scale` pixels per module, on a white page of `width`×`height`. */
export async function qrCanvas(text, { scale = 4, width, height } = {}) {
  const matrix = await encodeQrMatrix(text);
  const side = (matrix.size + 8) * scale;
  const canvas = document.createElement('canvas');
  canvas.width = width ?? side;
  canvas.height = height ?? side;
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  const left = Math.floor((canvas.width - side) / 2) + 4 * scale;
  const top = Math.floor((canvas.height - side) / 2) + 4 * scale;
  for (let y = 0; y < matrix.size; y++) {
    for (let x = 0; x < matrix.size; x++) if (matrix.modules[y * matrix.size + x]) context.fillRect(left + x * scale, top + y * scale, scale, scale);
  }
  return canvas;
}

export function nextEvent(target, name, timeoutMs = 20000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${timeoutMs} ms`)), timeoutMs);
    target.addEventListener(name, (event) => { clearTimeout(timer); resolve(event); }, { once: true });
  });
}

export const until = async (condition, timeoutMs = 20000) => {
  const end = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};
