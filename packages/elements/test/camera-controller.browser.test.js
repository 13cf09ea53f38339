import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { CameraController, cameraErrorFrom } from '@pass-check/elements';
import { until } from './helpers/fixtures.js';

// A real MediaStream from a canvas: frames arrive only when we draw and call requestFrame(),
// so a "camera" that stops sending pictures is easy to make.
// `patchTrack` may change each track the camera hands out (what it says it can do).
function canvasCamera({ label = 'Back Camera', patchTrack } = {}) {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  const opened = [];
  const mediaDevices = {
    async getUserMedia(constraints) {
      const stream = canvas.captureStream(0);
      Object.defineProperty(stream.getVideoTracks()[0], 'label', { value: label });
      patchTrack?.(stream.getVideoTracks()[0]);
      opened.push({ stream, constraints });
      return stream;
    },
    async enumerateDevices() { return []; },
  };
  const draw = () => {
    const context = canvas.getContext('2d');
    context.fillStyle = `hsl(${Math.random() * 360} 50% 50%)`;
    context.fillRect(0, 0, 64, 48);
    for (const { stream } of opened) stream.getVideoTracks()[0].requestFrame?.();
  };
  return { mediaDevices, opened, draw };
}

let video;
let controller;
afterEach(() => { controller?.stop(); video?.remove(); });

function makeController(mediaDevices, options = {}) {
  video = document.createElement('video');
  document.body.append(video);
  const failures = [];
  const host = { addController() {}, requestUpdate() {} };
  controller = new CameraController(host, { video: () => video, mediaDevices, onFailure: (e) => failures.push(e), ...options });
  return failures;
}

describe('CameraController', () => {
  it('asks for the rear camera at full resolution and offers its frames', async () => {
    const camera = canvasCamera();
    makeController(camera.mediaDevices);
    const timer = setInterval(camera.draw, 30);
    try {
      let offered = 0;
      const gotFrame = new Promise((resolve) => controller.start(async (take) => { offered++; resolve(await take()); }));
      const frame = await gotFrame;
      // A VideoFrame where WebCodecs exists (Chromium), at the stream's full size.
      assert.ok(frame instanceof VideoFrame);
      assert.equal(frame.displayWidth, 64);
      assert.equal(frame.displayHeight, 48);
      frame.close();
      assert.ok(offered >= 1);
      const video = camera.opened[0].constraints.video;
      assert.deepEqual(video.facingMode, { ideal: 'environment' });
      assert.deepEqual(video.width, { ideal: 1920 });
      assert.equal(camera.opened[0].constraints.audio, false);
    } finally {
      clearInterval(timer);
    }
  });

  it('publishes a new stream and its device together when switching, before the device list is read again', async () => {
    // Two cameras, each stream saying which it came from; the device list can be held back.
    const camera = canvasCamera();
    const devices = [
      { kind: 'videoinput', deviceId: 'cam-a', label: 'Back Camera' },
      { kind: 'videoinput', deviceId: 'cam-b', label: 'Front Camera' },
    ];
    let listed = Promise.resolve();
    makeController({
      async getUserMedia(constraints) {
        const stream = await camera.mediaDevices.getUserMedia(constraints);
        const track = stream.getVideoTracks()[0];
        const settings = track.getSettings.bind(track);
        const deviceId = constraints.video.deviceId?.exact ?? 'cam-a';
        track.getSettings = () => ({ ...settings(), deviceId });
        return stream;
      },
      async enumerateDevices() { await listed; return devices; },
    });
    const timer = setInterval(camera.draw, 30);
    try {
      controller.start(() => {});
      await until(() => controller.deviceId === 'cam-a' && controller.devices.length === 2, 5000);
      const before = controller.stream;
      let list;
      listed = new Promise((resolve) => { list = resolve; });
      const switching = controller.switchCamera();
      // Whoever sees a stream sees its device: a second press must not reopen the same camera.
      const mismatches = [];
      const watch = setInterval(() => {
        const stream = controller.stream;
        if (stream && stream.getVideoTracks()[0].getSettings().deviceId !== controller.deviceId) mismatches.push(controller.deviceId);
      }, 5);
      await until(() => camera.opened.length === 2, 5000);
      // A second press while the new camera is still opening joins that opening.
      const again = controller.switchCamera();
      list();
      await Promise.all([switching, again]);
      await until(() => controller.stream && controller.stream !== before, 5000);
      clearInterval(watch);
      assert.deepEqual(mismatches, []);
      assert.equal(controller.deviceId, 'cam-b');
      assert.equal(camera.opened.at(-1).constraints.video.deviceId.exact, 'cam-b');
      assert.equal(camera.opened.length, 2);
    } finally {
      clearInterval(timer);
    }
  });

  it('publishes a new stream only once it plays in the preview, with its device list and capabilities read', async () => {
    // The flaky two-cameras test: it saw the new stream while the device list was still
    // being read, and the preview's srcObject was still null. Hold the list back to make
    // that window as long as a busy machine would.
    const camera = canvasCamera({ patchTrack: (track) => { track.getCapabilities = () => ({ zoom: { min: 1, max: 4, step: 0.5 } }); } });
    const devices = [
      { kind: 'videoinput', deviceId: 'cam-a', label: 'Back Camera' },
      { kind: 'videoinput', deviceId: 'cam-b', label: 'Front Camera' },
    ];
    let listed = Promise.resolve();
    makeController({
      getUserMedia: camera.mediaDevices.getUserMedia,
      async enumerateDevices() { await listed; return devices; },
    });
    const timer = setInterval(camera.draw, 30);
    try {
      controller.start(() => {});
      await until(() => controller.stream && controller.devices.length === 2, 5000);
      const before = controller.stream;
      assert.equal(video.srcObject, before);
      let list;
      listed = new Promise((resolve) => { list = resolve; });
      const switching = controller.switchCamera();
      // Poll as the test does: at no point may a published stream be missing from the preview.
      const seen = [];
      const watch = setInterval(() => { if (controller.stream) seen.push(video.srcObject === controller.stream); }, 5);
      await new Promise((resolve) => setTimeout(resolve, 150));
      list();
      await switching;
      clearInterval(watch);
      assert.ok(controller.stream && controller.stream !== before);
      assert.equal(video.srcObject, controller.stream);
      assert.ok(!seen.includes(false), 'a stream was published before it played in the preview');
      assert.deepEqual(controller.zoomRange, { min: 1, max: 4, step: 0.5 });
    } finally {
      clearInterval(timer);
    }
  });

  it('reopens on the plain back lens when the browser picked an ultra-wide one, and publishes only that', async () => {
    const wide = canvasCamera({ label: 'Back Ultra Wide Camera' });
    const plain = canvasCamera({ label: 'Back Camera' });
    const devices = [
      { kind: 'videoinput', deviceId: 'wide', label: 'Back Ultra Wide Camera' },
      { kind: 'videoinput', deviceId: 'plain', label: 'Back Camera' },
    ];
    const asked = [];
    makeController({
      getUserMedia(constraints) { asked.push(constraints.video.deviceId?.exact); return (constraints.video.deviceId ? plain : wide).mediaDevices.getUserMedia(constraints); },
      async enumerateDevices() { return devices; },
    });
    const published = [];
    const watch = setInterval(() => { if (controller.stream && !published.includes(controller.stream)) published.push(controller.stream); }, 5);
    await controller.start(() => {});
    clearInterval(watch);
    assert.deepEqual(asked, [undefined, 'plain']);
    assert.equal(controller.stream, plain.opened[0].stream);
    assert.deepEqual(published.filter((s) => s !== controller.stream), [], 'the ultra-wide stream was never published');
    assert.ok(wide.opened[0].stream.getTracks().every((t) => t.readyState === 'ended'), 'the ultra-wide lens released');
    assert.equal(video.srcObject, controller.stream);
  });

  it('does not publish a stream when stopped while the device list is read', async () => {
    const camera = canvasCamera();
    let list;
    const listed = new Promise((resolve) => { list = resolve; });
    makeController({ getUserMedia: camera.mediaDevices.getUserMedia, async enumerateDevices() { await listed; return []; } });
    const starting = controller.start(() => {});
    await until(() => camera.opened.length === 1, 5000);
    controller.stop();
    list();
    await starting;
    assert.equal(controller.stream, undefined);
    assert.equal(video.srcObject, null);
    assert.ok(camera.opened[0].stream.getTracks().every((t) => t.readyState === 'ended'), 'the camera released');
  });

  it('restarts a stalled stream, then reports STREAM_STALLED when it stays silent', async () => {
    const camera = canvasCamera();
    const failures = makeController(camera.mediaDevices, { stallAfterMs: 300, stallRetries: 1 });
    await controller.start(() => {});
    const end = performance.now() + 5000;
    while (!failures.length && performance.now() < end) await new Promise((r) => setTimeout(r, 50));
    assert.equal(failures[0]?.code, 'STREAM_STALLED');
    assert.equal(camera.opened.length, 2, 'one restart was tried first');
    assert.ok(camera.opened.every(({ stream }) => stream.getVideoTracks().every((t) => t.readyState === 'ended')), 'every stream released');
  });

  it('stops the tracks on stop()', async () => {
    const camera = canvasCamera();
    makeController(camera.mediaDevices);
    await controller.start(() => {});
    controller.stop();
    assert.equal(camera.opened[0].stream.getVideoTracks()[0].readyState, 'ended');
    assert.equal(video.srcObject, null);
  });

  it('maps getUserMedia failures to pass-error codes', async () => {
    const cases = [
      ['NotAllowedError', 'PERMISSION_DENIED'],
      ['NotFoundError', 'NO_CAMERA'],
      ['OverconstrainedError', 'NO_CAMERA'],
      ['NotReadableError', 'CAMERA_BUSY'],
      ['AbortError', 'CAMERA_BUSY'],
      ['TypeError', 'CAMERA_FAILED'],
    ];
    for (const [name, code] of cases) {
      makeController({ getUserMedia: () => Promise.reject(new DOMException('nope', name)), enumerateDevices: async () => [] });
      await assert.rejects(controller.start(() => {}), (e) => e.code === code);
      assert.equal(cameraErrorFrom(new DOMException('x', name)).code, code);
      video.remove();
    }
  });

  it('reads torch and zoom from the track, switches the torch, and keeps zoom inside its range', async () => {
    // Chromium's fake cameras offer neither, so the track says it has them; what is checked is what we do with that.
    const applied = [];
    const camera = canvasCamera({
      patchTrack(track) {
        const settings = track.getSettings();
        track.getCapabilities = () => ({ torch: true, zoom: { min: 1, max: 5, step: 0.5 } });
        track.getSettings = () => ({ ...settings, zoom: 2 });
        track.applyConstraints = async (c) => { applied.push(c); };
      },
    });
    let changes = 0;
    makeController(camera.mediaDevices, { onChange: () => changes++ });
    await controller.start(() => {});
    assert.equal(controller.torchAvailable, true);
    assert.equal(controller.torchOn, false);
    assert.deepEqual(controller.zoomRange, { min: 1, max: 5, step: 0.5 });
    assert.equal(controller.zoom, 2);

    const before = changes;
    await controller.setTorch(true);
    await controller.setZoom(9);
    await controller.setZoom(0.2);
    await controller.setZoom(3.5);
    assert.deepEqual(applied, [
      { advanced: [{ torch: true }] }, { advanced: [{ zoom: 5 }] }, { advanced: [{ zoom: 1 }] }, { advanced: [{ zoom: 3.5 }] },
    ]);
    assert.equal(controller.torchOn, true);
    assert.equal(controller.zoom, 3.5);
    assert.equal(changes - before, 4, 'the element is told each time, to redraw its controls');
  });

  it('leaves torch and zoom alone on a camera without them', async () => {
    const applied = [];
    const camera = canvasCamera({ patchTrack(track) { track.applyConstraints = async (c) => { applied.push(c); }; } });
    makeController(camera.mediaDevices);
    await controller.start(() => {});
    assert.equal(controller.torchAvailable, false);
    assert.equal(controller.zoomRange, undefined);
    await controller.setTorch(true);
    await controller.setZoom(2);
    assert.deepEqual(applied, []);
    assert.equal(controller.torchOn, false);
  });

  it('refuses to open outside a secure context with INSECURE_CONTEXT, before asking for the camera', async () => {
    const camera = canvasCamera();
    const own = Object.getOwnPropertyDescriptor(window, 'isSecureContext');
    Object.defineProperty(window, 'isSecureContext', { configurable: true, get: () => false });
    try {
      makeController(camera.mediaDevices);
      await assert.rejects(controller.start(() => {}), (e) => e.code === 'INSECURE_CONTEXT');
      assert.equal(camera.opened.length, 0);
    } finally {
      delete window.isSecureContext;
      if (own) Object.defineProperty(window, 'isSecureContext', own);
    }
    assert.equal(window.isSecureContext, true);
  });

  it('says NO_CAMERA when the browser has no camera API at all', async () => {
    makeController({});
    await assert.rejects(controller.start(() => {}), (e) => e.code === 'NO_CAMERA');
  });
});
