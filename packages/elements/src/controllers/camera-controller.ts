// The camera: which lens, the stream's life cycle (released when the element
// leaves the page or the page is hidden, back when visible), torch and zoom,
// and a watchdog for streams that silently stop delivering frames.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ScannerErrorCodes, type ScannerErrorCode } from '../pass-scanner/states.js';
import type { FrameSource, FrameTaker } from './frame-source.js';
import type { FrameImage } from '../decoders/engine.js';

export class CameraError extends Error {
  constructor(readonly code: ScannerErrorCode, message: string) {
    super(message);
    this.name = 'CameraError';
  }
}

export interface ZoomRange { min: number; max: number; step: number }

export interface CameraControllerOptions {
  /** The <video> the stream plays in (the preview, and what frames are taken from). */
  video: () => HTMLVideoElement | undefined;
  /** Called when the camera fails for good (after the watchdog's retries). */
  onFailure: (error: CameraError) => void;
  /** Called whenever what the camera offers (torch, zoom, lens count) or its state changes. */
  onChange?: () => void;
  /** No frame for this long means the stream stalled. */
  stallAfterMs?: number;
  /** Restarts tried before a stall is reported. */
  stallRetries?: number;
  mediaDevices?: MediaDevices;
}

type VideoWithFrameCallback = HTMLVideoElement & {
  requestVideoFrameCallback?: (callback: () => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

/** Lenses to pass over when another back camera exists: an ultra-wide blurs a QR held close. */
const ULTRA_WIDE = /ultra[\s-]?wide|0[.,]5x|wide[\s-]?angle/i;
const BACK = /back|rear|environment|arrière|trasera/i;

export class CameraController implements ReactiveController, FrameSource {
  stream: MediaStream | undefined;
  devices: MediaDeviceInfo[] = [];
  deviceId: string | undefined;
  torchAvailable = false;
  torchOn = false;
  zoomRange: ZoomRange | undefined;
  zoom: number | undefined;
  /** Whether the camera should be running (stays true while the page is hidden). */
  wanted = false;

  private offer: ((take: FrameTaker) => void) | undefined;
  private frameHandle: number | undefined;
  private lastFrameAt = 0;
  private lastVideoTime = -1;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private stallRestarts = 0;
  private starting: Promise<void> | undefined;

  constructor(private readonly host: ReactiveControllerHost, private readonly options: CameraControllerOptions) {
    host.addController(this);
  }

  private get mediaDevices(): MediaDevices | undefined {
    return this.options.mediaDevices ?? (globalThis.navigator?.mediaDevices as MediaDevices | undefined);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibilityChange);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.stop();
  }

  /** FrameSource: opens the camera and offers each new video frame. Rejects with a CameraError. */
  async start(offer: (take: FrameTaker) => void): Promise<void> {
    this.offer = offer;
    this.wanted = true;
    this.stallRestarts = 0;
    if (document.visibilityState === 'hidden') return; // the visibility handler opens it later
    await this.open();
  }

  stop(): void {
    this.wanted = false;
    this.offer = undefined;
    this.release();
  }

  /** Next camera in the list (front/back on a phone). */
  async switchCamera(): Promise<void> {
    if (this.devices.length < 2) return;
    const index = this.devices.findIndex((d) => d.deviceId === this.deviceId);
    const next = this.devices[(index + 1) % this.devices.length];
    this.release();
    await this.open(next?.deviceId);
  }

  async setTorch(on: boolean): Promise<void> {
    const track = this.track;
    if (!track || !this.torchAvailable) return;
    await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
    this.torchOn = on;
    this.changed();
  }

  async setZoom(value: number): Promise<void> {
    const track = this.track;
    if (!track || !this.zoomRange) return;
    const zoom = Math.min(this.zoomRange.max, Math.max(this.zoomRange.min, value));
    await track.applyConstraints({ advanced: [{ zoom } as MediaTrackConstraintSet] });
    this.zoom = zoom;
    this.changed();
  }

  private get track(): MediaStreamTrack | undefined {
    return this.stream?.getVideoTracks()[0];
  }

  private open(deviceId?: string): Promise<void> {
    this.starting ??= this.openCamera(deviceId).finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async openCamera(deviceId?: string): Promise<void> {
    if (!globalThis.isSecureContext) throw new CameraError(ScannerErrorCodes.insecureContext, 'the camera needs a secure context (https)');
    const media = this.mediaDevices;
    if (!media?.getUserMedia) throw new CameraError(ScannerErrorCodes.noCamera, 'this browser offers no camera access');

    // Full resolution where the camera has it: small codes (a chunked card, a phone held far) need the pixels.
    const size = { width: { ideal: 1920 }, height: { ideal: 1080 } };
    const video: MediaTrackConstraints = deviceId ? { deviceId: { exact: deviceId }, ...size } : { facingMode: { ideal: 'environment' }, ...size };
    let stream: MediaStream;
    try {
      stream = await media.getUserMedia({ video, audio: false });
    } catch (e) {
      throw cameraErrorFrom(e);
    }
    // Everything that takes time (the device list) happens before the stream is published.
    // Whoever sees the new stream (the element, a second "Switch camera" press, a test) then
    // sees it playing in the preview, with its device id, device list and capabilities; a
    // stream published before the await left a window where srcObject was still null.
    await this.listDevices();
    if (!this.wanted || document.visibilityState === 'hidden') {
      // Stopped, or the page hidden, while opening: nothing to publish (visible again reopens).
      stream.getTracks().forEach((t) => t.stop());
      return;
    }
    const track = stream.getVideoTracks()[0];
    if (!deviceId) {
      const better = this.betterThanUltraWide(track?.label ?? '');
      if (better) {
        stream.getTracks().forEach((t) => t.stop());
        return this.openCamera(better.deviceId);
      }
    }
    this.stream = stream;
    this.deviceId = track?.getSettings().deviceId ?? deviceId;
    this.readCapabilities();
    this.track?.addEventListener('ended', this.onTrackEnded);
    this.play();
    this.startWatchdog();
    this.changed();
  }

  /** If the browser picked an ultra-wide back lens (by `label`) and a plain back lens exists, that one. */
  private betterThanUltraWide(label: string): MediaDeviceInfo | undefined {
    if (!ULTRA_WIDE.test(label)) return undefined;
    return this.devices.find((d) => BACK.test(d.label) && !ULTRA_WIDE.test(d.label));
  }

  private async listDevices(): Promise<void> {
    try {
      this.devices = (await this.mediaDevices!.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    } catch {
      this.devices = [];
    }
  }

  private readCapabilities(): void {
    const track = this.track;
    const capabilities = (track?.getCapabilities?.() ?? {}) as MediaTrackCapabilities & { torch?: boolean; zoom?: { min: number; max: number; step?: number } };
    const settings = (track?.getSettings() ?? {}) as MediaTrackSettings & { zoom?: number };
    this.torchAvailable = capabilities.torch === true;
    this.torchOn = false;
    this.zoomRange = capabilities.zoom && capabilities.zoom.max > capabilities.zoom.min
      ? { min: capabilities.zoom.min, max: capabilities.zoom.max, step: capabilities.zoom.step || 0.1 }
      : undefined;
    this.zoom = this.zoomRange ? settings.zoom ?? this.zoomRange.min : undefined;
  }

  /**
   * Plays the stream in the preview and starts taking frames. Not awaited: a
   * camera that never sends a first frame would keep play() pending forever;
   * the watchdog notices it instead.
   */
  private play(): void {
    const element = this.options.video() as VideoWithFrameCallback | undefined;
    const stream = this.stream;
    if (!element || !stream) return;
    element.muted = true;
    element.playsInline = true;
    element.srcObject = stream;
    element.play().catch((e: Error) => {
      // A play() interrupted by release() (page hidden mid-start) is not a camera failure.
      if (this.stream !== stream || e.name === 'AbortError') return;
      this.release();
      this.wanted = false;
      this.options.onFailure(new CameraError(ScannerErrorCodes.cameraFailed, `the camera preview could not play: ${e.message}`));
    });
    this.lastFrameAt = performance.now();
    this.scheduleFrame(element);
  }

  private scheduleFrame(element: VideoWithFrameCallback): void {
    const onFrame = () => {
      if (!this.stream || element.srcObject !== this.stream) return;
      // Without requestVideoFrameCallback, animation frames outnumber video frames: offer only new ones.
      if (element.currentTime !== this.lastVideoTime || typeof element.requestVideoFrameCallback === 'function') {
        this.lastVideoTime = element.currentTime;
        this.lastFrameAt = performance.now();
        this.offer?.(async () => (element.videoWidth && this.stream ? grabFrame(element) : undefined));
      }
      this.scheduleFrame(element);
    };
    this.frameHandle = element.requestVideoFrameCallback ? element.requestVideoFrameCallback(onFrame) : requestAnimationFrame(onFrame);
  }

  private startWatchdog(): void {
    clearInterval(this.watchdog);
    const stallAfterMs = this.options.stallAfterMs ?? 5000;
    this.watchdog = setInterval(() => {
      if (!this.stream || performance.now() - this.lastFrameAt < stallAfterMs) return;
      void this.recoverFromStall();
    }, Math.max(250, stallAfterMs / 4));
  }

  private onTrackEnded = () => {
    // A track ends when the camera is unplugged or taken by another app: same recovery as a stall.
    void this.recoverFromStall();
  };

  private async recoverFromStall(): Promise<void> {
    const deviceId = this.deviceId;
    this.release();
    if (!this.wanted) return;
    if (this.stallRestarts >= (this.options.stallRetries ?? 2)) {
      this.wanted = false;
      this.options.onFailure(new CameraError(ScannerErrorCodes.streamStalled, 'the camera stopped sending frames'));
      return;
    }
    this.stallRestarts++;
    try {
      await this.open(deviceId);
    } catch (e) {
      this.wanted = false;
      this.options.onFailure(e instanceof CameraError ? e : cameraErrorFrom(e));
    }
  }

  private onVisibilityChange = () => {
    if (!this.wanted) return;
    if (document.visibilityState === 'hidden') {
      this.release();
    } else if (!this.stream) {
      this.open(this.deviceId).catch((e) => {
        this.wanted = false;
        this.options.onFailure(e instanceof CameraError ? e : cameraErrorFrom(e));
      });
    }
  };

  /** Stops the tracks (the camera light goes off) but remembers whether the camera is wanted. */
  private release(): void {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    const element = this.options.video() as VideoWithFrameCallback | undefined;
    if (element && this.frameHandle !== undefined) {
      if (element.cancelVideoFrameCallback) element.cancelVideoFrameCallback(this.frameHandle);
      else cancelAnimationFrame(this.frameHandle);
    }
    this.frameHandle = undefined;
    this.track?.removeEventListener('ended', this.onTrackEnded);
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = undefined;
    if (element) element.srcObject = null;
    this.torchOn = false;
    this.changed();
  }

  private changed(): void {
    this.options.onChange?.();
    this.host.requestUpdate();
  }
}

/**
 * The current video frame at the stream's full resolution: a VideoFrame where
 * WebCodecs exists (the worker converts it to RGBA in one copy), else an ImageBitmap.
 */
function grabFrame(element: HTMLVideoElement): Promise<FrameImage> | FrameImage {
  if (typeof VideoFrame === 'function') return new VideoFrame(element);
  return createImageBitmap(element);
}

/** getUserMedia's DOMException names → our codes. */
export function cameraErrorFrom(error: unknown): CameraError {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = (error as { message?: string } | null)?.message ?? String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new CameraError(ScannerErrorCodes.permissionDenied, message || 'camera permission denied');
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new CameraError(ScannerErrorCodes.noCamera, message || 'no camera found');
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new CameraError(ScannerErrorCodes.cameraBusy, message || 'the camera is busy');
    default:
      return new CameraError(ScannerErrorCodes.cameraFailed, message || 'the camera failed');
  }
}
