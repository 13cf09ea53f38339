// The sample-pass page: each demo pass as a <pass-display> card (a chunked
// card as one display per chunk, each its own QR code).
import '@pass-check/elements/define';
import { expectationText, loadSamples, showMissing } from './sample-list.js';

const channel = new BroadcastChannel('pass-check-demo');
const { samples, missing, policy } = await loadSamples();
showMissing(document.getElementById('missing'), missing);

const cards = document.getElementById('cards');
for (const sample of samples) {
  const card = document.createElement('article');
  card.className = 'card';
  card.dataset.sample = sample.id;
  const title = document.createElement('h2');
  title.textContent = sample.label;
  const expect = document.createElement('p');
  expect.className = 'expect';
  expect.textContent = expectationText(sample.expect);
  const displays = document.createElement('div');
  displays.className = 'chunks';
  sample.qr.forEach((text, index) => {
    const display = document.createElement('pass-display');
    display.setAttribute('trust', '/demo-data/trust-bundle.json');
    display.setAttribute('policy', policy);
    if (sample.qrBytes) display.bytes = Uint8Array.from(atob(sample.qrBytes), (c) => c.charCodeAt(0));
    else display.value = text;
    if (sample.qr.length > 1) display.setAttribute('aria-label', `chunk ${index + 1} of ${sample.qr.length}`);
    displays.append(display);
  });
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Scan this';
  button.addEventListener('click', () => channel.postMessage({ scan: sample.id }));
  card.append(title, expect, displays, button);
  cards.append(card);
}
