// Shared by the element tests: an issuer made by the test kit, a verifier that
// trusts it, and QR pictures drawn from pass texts.
import { createTrustStore, createVerifier } from '@pass-check/verifier-core';
import { createShcIssuer } from '@pass-check/verifier-core/testing';
import { qrCanvas as drawQr } from '@pass-check/elements';

export async function trustedIssuer(options = {}) {
  const issuer = await createShcIssuer();
  const trust = createTrustStore();
  await trust.addShcIssuer(issuer.trustEntry());
  const verifier = createVerifier({ trust, ...options });
  return { issuer, trust, verifier };
}

/** A canvas with `text` as a QR code, `scale` pixels per module, on a white page of `width`×`height`. */
export const qrCanvas = (text, { scale = 4, width, height } = {}) => drawQr(text, { moduleSize: scale, width, height });

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

/** The element's QR SVG drawn as a standalone image (as when saved or printed), `pixelsPerModule` whole pixels per module. */
export async function svgQrCanvas(svgElement, pixelsPerModule = 6) {
  const markup = new XMLSerializer().serializeToString(svgElement);
  const image = new Image();
  image.src = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  await image.decode();
  const side = svgElement.viewBox.baseVal.width * pixelsPerModule;
  const canvas = new OffscreenCanvas(side, side);
  canvas.getContext('2d').drawImage(image, 0, 0, side, side);
  return canvas;
}
