// The decode loop: takes frames from a FrameSource while the decoder is idle
// (never queueing stale frames), and reports the QR texts found. Also counts
// frames decoded, for the "frames per second" figure and the watchdog's peace of mind.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { firstAvailableEngine, type DecodedCode, type DecoderEngine, type DecoderEngineFactory, type FrameImage } from '../decoders/engine.js';
import type { FrameSource, FrameTaker } from './frame-source.js';

export interface ScanControllerOptions {
  /** Engines in order of preference; the first that starts is used. */
  engines: () => readonly DecoderEngineFactory[];
  /** Every QR text in a decoded frame; `frameAt` is when the frame was taken (performance.now()); `codes`: the same with raw bytes where known. */
  onTexts: (texts: string[], frameAt: number, codes?: DecodedCode[]) => void;
}

export interface ScanStats {
  framesDecoded: number;
  /** Time spent taking and decoding frames, in ms: framesDecoded / busyMs is the decoder's pace. */
  busyMs: number;
}

export class ScanController implements ReactiveController {
  engine: DecoderEngine | undefined;
  readonly stats: ScanStats = { framesDecoded: 0, busyMs: 0 };
  /**
   * When the first frame arrived since scanning (re)started: for a scan, the
   * first frame that could show the code. Latency is measured from here.
   */
  sessionStartedAt: number | undefined;

  private isPaused = false;

  private source: FrameSource | undefined;
  private busy = false;
  private enginePromise: Promise<DecoderEngine> | undefined;

  constructor(private readonly host: ReactiveControllerHost, private readonly options: ScanControllerOptions) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.detach();
    this.engine?.dispose();
    this.engine = undefined;
    this.enginePromise = undefined;
  }

  /** Starts the first engine that works (once); rejects when none does. */
  ensureEngine(): Promise<DecoderEngine> {
    this.enginePromise ??= firstAvailableEngine(this.options.engines()).then(
      (engine) => {
        this.engine = engine;
        this.host.requestUpdate();
        return engine;
      },
      (error) => {
        this.enginePromise = undefined;
        throw error;
      },
    );
    return this.enginePromise;
  }

  /** Decodes frames from `source` until `detach()`. Rejects when the source cannot start. */
  async attach(source: FrameSource): Promise<void> {
    this.detach();
    this.source = source;
    this.sessionStartedAt = undefined;
    await source.start((take) => this.onFrame(take));
  }

  detach(): void {
    this.source?.stop();
    this.source = undefined;
  }

  /** Decodes one picture (an uploaded photo): the texts of every code in it. */
  async decodeOnce(image: FrameImage): Promise<string[]> {
    const engine = await this.ensureEngine();
    return engine.decode(image);
  }

  /** While paused (the result screen is up), frames are not decoded at all. */
  get paused(): boolean {
    return this.isPaused;
  }

  set paused(paused: boolean) {
    if (this.isPaused && !paused) this.sessionStartedAt = undefined;
    this.isPaused = paused;
  }

  private onFrame(take: FrameTaker): void {
    if (this.paused || !this.engine) return;
    this.sessionStartedAt ??= performance.now();
    if (this.busy) return;
    this.busy = true;
    const busySince = performance.now();
    void this.decodeFrame(take).finally(() => {
      this.busy = false;
      this.stats.busyMs += performance.now() - busySince;
    });
  }

  private async decodeFrame(take: FrameTaker): Promise<void> {
    const takenAt = performance.now();
    let image: FrameImage | undefined;
    try {
      image = await take();
    } catch {
      return; // the frame went away (camera switched, stream stopped)
    }
    if (!image) return;
    if (!this.engine) {
      // Nobody will decode it: a camera frame held open would starve the camera's frame pool.
      if (!('data' in image)) image.close();
      return;
    }
    const codes = this.engine.decodeCodes ? await this.engine.decodeCodes(image) : (await this.engine.decode(image)).map((text) => ({ text }));
    this.stats.framesDecoded++;
    if (codes.length && !this.paused) this.options.onTexts(codes.map((c) => c.text), takenAt, codes);
  }
}
