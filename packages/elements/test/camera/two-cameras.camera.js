// Chromium with two fake cameras (--use-fake-device-for-media-stream=device-count=2,
// test patterns rather than a pass): switching lenses for real.
import { it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mountScanner } from './helpers.js';

let scanner;
afterEach(() => scanner?.remove());

async function until(condition, what, timeoutMs = 10000) {
  const end = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const deviceOf = (stream) => stream.getVideoTracks()[0].getSettings().deviceId;
const switchButton = (scanner) => [...scanner.shadowRoot.querySelectorAll('[part=controls] button')].find((b) => b.textContent.trim() === 'Switch camera');
/** The preview is playing `stream`: its picture time moves on. */
async function previewPlays(scanner, stream) {
  const video = scanner.shadowRoot.querySelector('[part=video]');
  assert.equal(video.srcObject, stream);
  const start = video.currentTime;
  await until(() => video.currentTime > start, 'the preview to play');
}

it('offers "Switch camera" with two cameras; each press moves to the other and releases the one before', async () => {
  scanner = mountScanner({ lang: 'en' });
  const camera = scanner.cameraController;
  await until(() => camera.stream && camera.devices.length === 2, 'the camera and both devices');
  await scanner.updateComplete;
  assert.equal(scanner.getAttribute('state'), 'scanning');
  const ids = camera.devices.map((d) => d.deviceId);
  assert.equal(new Set(ids).size, 2);

  const first = camera.stream;
  assert.equal(camera.deviceId, deviceOf(first));
  await previewPlays(scanner, first);
  const button = switchButton(scanner);
  assert.ok(button, 'a switch button');

  button.click();
  await until(() => camera.stream && camera.stream !== first, 'the second camera');
  const second = camera.stream;
  assert.notEqual(deviceOf(second), deviceOf(first));
  assert.equal(camera.deviceId, deviceOf(second));
  assert.ok(ids.includes(camera.deviceId));
  assert.ok(first.getTracks().every((t) => t.readyState === 'ended'), 'the first camera released');
  await previewPlays(scanner, second);
  await scanner.updateComplete;
  assert.equal(scanner.getAttribute('state'), 'scanning');

  switchButton(scanner).click();
  await until(() => camera.stream && camera.stream !== second, 'the first camera again');
  assert.equal(camera.deviceId, deviceOf(first));
  assert.ok(second.getTracks().every((t) => t.readyState === 'ended'), 'the second camera released');
  const third = camera.stream;

  scanner.remove();
  assert.ok(third.getTracks().every((t) => t.readyState === 'ended'), 'released on removal');
});
