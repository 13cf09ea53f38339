import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { detectFormat, type VerificationResult, type Verifier } from '@pass-check/verifier-core';
import { PassErrorEvent, PassLateDuplicateEvent, PassResultEvent, PassTrustRefreshEvent } from '../events.js';
import { CameraController, CameraError } from '../controllers/camera-controller.js';
import { ScanController } from '../controllers/scan-controller.js';
import { ChunkCollector, type ChunkProgress } from '../controllers/chunk-collector.js';
import { DuplicateDetector, idbDuplicateStore, memoryDuplicateStore } from '../controllers/duplicate-detector.js';
import { GateSyncEventNames, LocalGateSync, type GateSyncLike } from '../controllers/gate-claims.js';
import { gateStringsFor } from '../internal/gate-strings.js';
import type { FrameSource } from '../controllers/frame-source.js';
import { decoderFactories } from '../decoders/assets.js';
import { formatLocaleOf, languageOf, stringsFor, type UiStrings } from '../internal/strings.js';
import { verifierAndSource } from '../internal/verifier-setup.js';
import { parseTrustKey, type RefreshOutcome, type TrustSource } from '../internal/trust-source.js';
import { formatAge, trustStringsFor } from '../internal/trust-strings.js';
import { beep, buzz } from '../internal/feedback.js';
import { isAccepted, verdictOf, reasonsOf, sentencesOf } from '../internal/verdict.js';
import { MAX_SHOWN_TEXT, shownDate, shownText } from '../internal/display-text.js';
import { ScannerErrorCodes, ScannerStates, Verdicts, type ScannerErrorCode, type ScannerState, type Verdict } from './states.js';
import type { DecodedCode } from '../decoders/engine.js';
import { passScannerStyles } from './pass-scanner.styles.js';


/**
 * A number-of-seconds attribute: anything but a finite number ≥ 0 ("7d", "", "abc") keeps the default.
 * NaN must never reach a comparison: `age > NaN` is false, so a NaN `trust-max-age` would turn the
 * staleness refusal off (fail open).
 */
function seconds(fallback: number) {
  return {
    fromAttribute: (value: string | null): number => secondsOr(value, fallback),
    toAttribute: (value: number): string => String(value),
  };
}

/** `value` as seconds when it is a finite number ≥ 0, else `fallback`. */
function secondsOr(value: unknown, fallback: number): number {
  if (value === null || value === undefined || (typeof value === 'string' && !value.trim())) return fallback;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

const DEFAULT_TRUST_WARN_AGE = 2 * 86400;
const DEFAULT_TRUST_MAX_AGE = 7 * 86400;

/** The same text again this soon after a result is the same phone still in view, not a new presentation. */
const SAME_TEXT_COOLDOWN_MS = 2500;

/**
 * A camera scanner for health passes at a door: point, see an unmissable
 * verdict with the holder's name and date of birth, next person.
 *
 * @event pass-result - A completed scan. `detail` is the VerificationResult; `duplicateOf` the time of an earlier scan within the window.
 * @event pass-error - Camera, decoder or setup trouble. `detail` is `{ code, message }`.
 * @event pass-trust-refresh - A background refresh of the `trust` bundle ended, or was deferred past a scan. `detail` is `{ outcome }` ('updated', 'unchanged', 'failed', 'deferred').
 * @event pass-late-duplicate - With a `gateSync`: a pass admitted here while offline had also been admitted at another gate. `detail` is `{ gate, at, admittedHereAt }`.
 *
 * @csspart base - The camera area.
 * @csspart video - The camera preview.
 * @csspart viewfinder - The frame drawn over the preview.
 * @csspart status - The instruction / progress bar at the bottom of the camera area.
 * @csspart engine - The line naming the active QR decoder.
 * @csspart controls - The camera buttons (switch, torch, zoom).
 * @csspart result - The verdict screen; carries `data-verdict` (accepted, rejected, duplicate).
 * @csspart verdict - The verdict words.
 * @csspart holder - The holder's name and date of birth.
 * @csspart error - The screen shown for a camera or setup failure.
 * @csspart fallbacks - Open a photo or file, paste text.
 * @csspart counters - Accepted / rejected / already scanned counts, each separate.
 * @csspart trust-banner - Staff notice that the trust bundle is older than `trust-warn-age`.
 * @csspart gate-status - With a `gateSync`: shown while the gate is offline (claims queued).
 * @csspart notice - A staff notice of a pass admitted twice, found when an offline gate reconnected.
 *
 * @cssproperty --pass-scanner-accept-color - Background of an accepted verdict.
 * @cssproperty --pass-scanner-reject-color - Background of a rejected verdict.
 * @cssproperty --pass-scanner-duplicate-color - Background of an "already scanned" verdict.
 * @cssproperty --pass-scanner-on-accept-color - Text on an accepted verdict.
 * @cssproperty --pass-scanner-on-reject-color - Text on a rejected verdict.
 * @cssproperty --pass-scanner-on-duplicate-color - Text on an "already scanned" verdict.
 * @cssproperty --pass-scanner-background - Background of the element.
 * @cssproperty --pass-scanner-foreground - Text colour.
 * @cssproperty --pass-scanner-muted-color - Secondary text.
 * @cssproperty --pass-scanner-focus-color - Keyboard focus ring.
 * @cssproperty --pass-scanner-radius - Corner radius.
 * @cssproperty --pass-scanner-aspect-ratio - Shape of the camera area.
 * @cssproperty --pass-scanner-font - Font family.
 */
export class PassScannerElement extends LitElement {
  static override styles = passScannerStyles;

  /** URL of a TrustBundle JSON, fetched before scanning, kept in IndexedDB and refreshed in the background. */
  @property() trust: string | undefined;
  /** Allow `trust` to name another origin (https only). Off by default: the bundle decides which signatures count. */
  @property({ attribute: 'trust-cross-origin', type: Boolean }) trustCrossOrigin = false;
  /** The venue's public key (P-256 JWK as JSON): the `trust` URL must then serve a bundle signed by it (a compact JWS), never older than the one held. */
  @property({ attribute: 'trust-key' }) trustKey: string | undefined;
  /** Seconds between background refreshes of the `trust` bundle (conditional requests; never mid-scan); 0 turns them off. */
  @property({ attribute: 'trust-refresh', converter: seconds(3600) }) trustRefresh = 3600;
  /** Bundle age in seconds past which staff see a banner (default two days). */
  @property({ attribute: 'trust-warn-age', converter: seconds(DEFAULT_TRUST_WARN_AGE) }) trustWarnAge = DEFAULT_TRUST_WARN_AGE;
  /** Bundle age in seconds past which no verdict is given (`pass-error` TRUST_STALE; default seven days). */
  @property({ attribute: 'trust-max-age', converter: seconds(DEFAULT_TRUST_MAX_AGE) }) trustMaxAge = DEFAULT_TRUST_MAX_AGE;
  /** A policy preset name ('ny-2021', 'vaccinated', 'tested', 'any-valid'). Required: without one the scanner shows a NO_POLICY setup error and admits no one. */
  @property() policy: string | undefined;
  /** Set a verifier directly; overrides `trust`, `policy` and the language of messages. */
  @property({ attribute: false }) verifier: Verifier | undefined;
  /** What the element is doing; reflected so pages can style each screen. */
  @property({ reflect: true }) state: ScannerState = ScannerStates.idle;
  /** Name of the active QR decoder ("wasm-qr", "BarcodeDetector", "ZXing"); reflected. */
  @property({ reflect: true }) engine: string | undefined;
  /** Seconds the result stays up before the next scan; 0: until tapped. */
  @property({ attribute: 'reset-after', converter: seconds(6) }) resetAfter = 6;
  /** Seconds within which the same pass counts as already scanned; 0 turns this off. */
  @property({ attribute: 'duplicate-window', converter: seconds(300) }) duplicateWindow = 300;
  /** Where the keyed ids of scanned passes are kept: 'memory' (default) or 'idb' (survives reloads; its key is a non-extractable WebCrypto key). */
  @property({ attribute: 'duplicate-storage' }) duplicateStorage: 'memory' | 'idb' = 'memory';
  /** Beep on a verdict. */
  @property({ type: Boolean }) sound = false;
  /** Vibrate on a verdict (phones). */
  @property({ type: Boolean }) vibrate = false;
  /** Show accepted / rejected / already scanned counts since the page was opened. */
  @property({ type: Boolean }) counters = false;
  /** 'off' keeps the camera closed (uploads and pasted text still work). */
  @property() camera: 'on' | 'off' = 'on';
  /** Frames from somewhere other than the camera (Storybook, demos, tests). */
  @property({ attribute: false }) frameSource: FrameSource | undefined;
  /**
   * The venue's shared memory of admitted passes (`@pass-check/gate-sync`), asked with `result.passId`
   * before an accepted pass is let in; without it, this device's duplicate memory answers alone.
   * Give every gate's verifier the venue's `passIdKey`, so one pass has one id at every gate.
   */
  @property({ attribute: false }) gateSync: GateSyncLike | undefined;

  /** Accepted, rejected and already-scanned verdicts since the element was created, each counted once. */
  @state() counts = { accepted: 0, rejected: 0, duplicate: 0 };
  @state() private result: VerificationResult | undefined;
  @state() private verdict: Verdict | undefined;
  @state() private duplicateOf: Date | undefined;
  /** The pass was let in before: with or without a known time. */
  @state() private duplicate = false;
  @state() private duplicateGate: string | undefined;
  @state() private gateStatus: { online: boolean; pending: number } | undefined;
  @state() private lateNotices: { gate: string; at: Date; admittedHereAt: Date }[] = [];
  @state() private progress: ChunkProgress | undefined;
  @state() private errorCode: ScannerErrorCode | undefined;
  @state() private announcement = '';
  @state() private pasteOpen = false;
  @state() private secondsLeft = 0;

  @query('video') private video: HTMLVideoElement | undefined;

  readonly cameraController: CameraController = new CameraController(this, {
    video: () => this.video,
    onFailure: (error) => this.fail(error.code, error.message, true),
  });
  readonly scanController: ScanController = new ScanController(this, {
    engines: decoderFactories,
    onTexts: (texts, frameAt, codes) => this.onTexts(texts, frameAt, codes),
  });
  readonly chunkCollector = new ChunkCollector();
  private duplicates: DuplicateDetector | undefined;
  /** This device's duplicate memory as a GateSync: every pass is claimed here, with or without a venue's `gateSync`. */
  private localGate: LocalGateSync | undefined;
  /** One memory store per element, so its key (and with it every passId) survives a new detector or verifier. */
  private readonly memoryDuplicates = memoryDuplicateStore();
  private verifierPromise: Promise<Verifier> | undefined;
  private resetTimer: ReturnType<typeof setInterval> | undefined;
  /** What had focus before a verdict took it, to give it back when the verdict ends. */
  private focusBeforeResult: HTMLElement | undefined;
  private lastText: { text: string; until: number } | undefined;
  private running = false;
  private hasUpdatedOnce = false;
  /** Where the `trust` bundle came from and how old it is; undefined with a `verifier` property or no `trust`. */
  private trustSource: TrustSource | undefined;
  private trustTimer: ReturnType<typeof setInterval> | undefined;
  /** A refresh came due during a scan: run it when the result screen ends. */
  private refreshPending = false;
  /** A camera, decoder or trust failure that came while a verdict was up or being made: its screen follows the verdict. */
  private errorAfterResult: { code: ScannerErrorCode; message: string } | undefined;
  /** Counts start() and stop() calls: a start() that is no longer the newest gives up at its next step. */
  private startRun = 0;
  private watchedGateSync: { target: EventTarget; off: () => void } | undefined;

  private get strings(): UiStrings {
    return stringsFor(languageOf(this));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.scheduleTrustRefresh();
    this.watchGateSync(this.gateSync);
    // Start after the first render, when the <video> exists.
    void this.updateComplete.then(() => {
      if (this.isConnected && !this.running) void this.start();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.running = false;
    clearInterval(this.resetTimer);
    clearInterval(this.trustTimer);
    this.trustTimer = undefined;
    this.watchGateSync(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('trust') || changed.has('trustKey') || changed.has('trustCrossOrigin') || changed.has('policy') || changed.has('verifier')) this.verifierPromise = undefined;
    if (changed.has('trust') || changed.has('trustKey') || changed.has('trustCrossOrigin') || changed.has('verifier')) this.trustSource = undefined;
    if (changed.has('trustRefresh') || changed.has('trust')) this.scheduleTrustRefresh();
    if (changed.has('duplicateWindow') || changed.has('duplicateStorage')) this.duplicates = undefined;
    if (changed.has('gateSync') && this.isConnected) this.watchGateSync(this.gateSync);
    if (changed.has('gateSync')) this.verifierPromise = undefined;
    // The verifier's passIdKey is the duplicate store's key: a store of another kind has another key.
    if (changed.has('duplicateStorage')) this.verifierPromise = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The missing policy arrived: the setup error gives way to scanning.
    if ((changed.has('policy') || changed.has('verifier')) && (this.policy || this.verifier)
      && this.errorCode === ScannerErrorCodes.noPolicy && this.running) {
      void this.updateComplete.then(() => this.start());
      return;
    }
    if ((changed.has('gateSync') || changed.has('verifier')) && this.hasUpdatedOnce && this.running) {
      if (this.errorCode === ScannerErrorCodes.noVenueKey && this.state === ScannerStates.error && (!this.gateSync || this.verifier)) {
        void this.updateComplete.then(() => this.start());
        return;
      }
      // A gate sync set on a scanner whose verifier it built itself: refuse at once, not at the first scan.
      if (this.gateSync && !this.verifier) this.failNoVenueKey();
    }
    if ((changed.has('frameSource') || changed.has('camera')) && this.hasUpdatedOnce && this.running) {
      this.scanController.detach();
      void this.start();
    }
    this.hasUpdatedOnce = true;
    // Keyboard users land on "next person", so Enter or Space moves the queue on.
    if (changed.has('state') && this.state === ScannerStates.result) {
      this.focusBeforeResult ??= deepActiveElement();
      this.renderRoot.querySelector<HTMLButtonElement>('.result button')?.focus();
    } else if (changed.has('state') && changed.get('state') === ScannerStates.result) {
      // The "next person" button is gone with the verdict; focus goes back to where it was
      // (the page's own "scan" control, say), or to the scanner's first control, not to <body>.
      const before = this.focusBeforeResult;
      this.focusBeforeResult = undefined;
      if (deepActiveElement() === document.body || !document.activeElement) {
        const next = before?.isConnected && before !== document.body ? before : this.renderRoot.querySelector<HTMLElement>('[part~="fallbacks"] button, [part~="fallbacks"] input');
        next?.focus();
      }
    }
  }

  static override get observedAttributes(): string[] {
    // `lang` is a global attribute: watch it so messages follow it.
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) {
      this.verifierPromise = undefined;
      this.requestUpdate();
    }
  }

  /** Starts scanning: the decoder, then the camera (or `frameSource`). Failures become a `pass-error`. */
  async start(): Promise<void> {
    // A start() made while another is still waiting (a frameSource set as the element starts)
    // supersedes it: only the newest one opens the source, which used to be started twice.
    const run = ++this.startRun;
    this.running = true;
    this.errorCode = undefined;
    this.errorAfterResult = undefined;
    // A verdict already on screen (text verified while the element was starting) stays until its reset.
    if (this.state !== ScannerStates.result && this.state !== ScannerStates.verifying) {
      this.state = ScannerStates.starting;
      this.announce(this.strings.starting);
    }
    // Fetch the trust bundle now, not at the first scan; refuse to start on a stale one.
    if (this.verifier || this.policy || this.gateSync) this.verifierFor().then(() => this.ensureFreshTrust()).catch(() => {});
    try {
      const engine = await this.scanController.ensureEngine();
      this.engine = engine.name;
    } catch (e) {
      if (run === this.startRun) this.fail(ScannerErrorCodes.decoderUnavailable, (e as Error).message, true);
      return;
    }
    if (run !== this.startRun) return;
    // Fail closed: no policy (nor a verifier of the page's own) means no scanning, not "Accepted" for anything authentic.
    if (this.running && !this.verifier && !this.policy && (this.state as ScannerState) !== ScannerStates.error) {
      this.fail(ScannerErrorCodes.noPolicy, this.strings.errors.NO_POLICY);
      return;
    }
    // The trust bundle may have failed meanwhile: its error screen stays (or follows the verdict on screen).
    if (!this.running || (this.state as ScannerState) === ScannerStates.error || this.errorAfterResult) return;
    const source = this.frameSource ?? (this.camera === 'off' ? undefined : this.cameraController);
    if (!source) {
      if (this.state === ScannerStates.starting) this.state = ScannerStates.idle;
      return;
    }
    try {
      await this.scanController.attach(source);
    } catch (e) {
      // A source stopped by a newer start() or by stop() is no camera failure.
      if (run !== this.startRun) return;
      const error = e instanceof CameraError ? e : new CameraError(ScannerErrorCodes.cameraFailed, (e as Error)?.message ?? String(e));
      this.fail(error.code, error.message, true);
      return;
    }
    if (run !== this.startRun) return;
    if (this.state === ScannerStates.starting) {
      this.state = ScannerStates.scanning;
      this.announce(this.strings.pointCamera);
    }
  }

  /** Stops the camera and decoding. */
  stop(): void {
    this.startRun++;
    this.running = false;
    this.scanController.detach();
    this.state = ScannerStates.idle;
    // The status line depends on `running` too: idle may have been the state already.
    this.requestUpdate();
  }

  /** Ends the result screen: ready for the next person (who may show the same pass again at once). */
  reset(): void {
    this.lastText = undefined;
    this.clearResult();
  }

  private clearResult(): void {
    clearInterval(this.resetTimer);
    this.result = undefined;
    this.verdict = undefined;
    this.duplicateOf = undefined;
    this.duplicate = false;
    this.duplicateGate = undefined;
    this.scanController.paused = false;
    if (this.errorAfterResult && (this.state === ScannerStates.result || this.state === ScannerStates.verifying)) {
      this.showDeferredError();
    } else if (this.state === ScannerStates.result || this.state === ScannerStates.verifying) {
      this.state = this.progress ? ScannerStates.collecting : this.running ? ScannerStates.scanning : ScannerStates.idle;
      this.announce(this.readyText(this.strings));
    }
    // After the state change: while the result was still up, the refresh would only be deferred again.
    if (this.refreshPending) void this.refreshTrust();
  }

  /** Verifies text obtained some other way (pasted, from a file) exactly as a scan would. */
  async verifyText(text: string): Promise<VerificationResult | undefined> {
    this.lastText = undefined;
    return this.onText(text.trim(), performance.now());
  }

  /** Shows a result screen for `result` without verifying anything (Storybook, demos). */
  showResult(result: VerificationResult, duplicateOf?: Date, duplicateGate?: string): void {
    this.showVerdict(result, duplicateOf ? { at: duplicateOf, gate: duplicateGate ?? '' } : undefined);
  }

  /** `seen`: the pass was let in before, at `gate` ('' : here), at `at` when known. */
  private showVerdict(result: VerificationResult, seen: { at?: Date; gate: string } | undefined): void {
    this.scanController.paused = true;
    this.result = result;
    this.duplicate = !!seen;
    this.duplicateOf = seen?.at;
    this.duplicateGate = seen ? seen.gate || undefined : undefined;
    this.verdict = verdictOf(result, !!seen);
    this.state = ScannerStates.result;
    const s = this.strings;
    const words = this.verdict === Verdicts.accepted ? s.accepted : this.verdict === Verdicts.duplicate ? s.duplicate : s.rejected;
    this.announce(sentencesOf([words, shownText(result.holder?.name) ?? '', ...reasonsOf(result)]));
    this.scheduleReset();
  }

  /** Shows the error screen for `code` and fires `pass-error`. */
  showError(code: ScannerErrorCode, message = this.errorText(code)): void {
    this.fail(code, message);
  }

  /**
   * `background`: a failure of the camera, the decoder or the trust download, not of the
   * verification on screen. While a verdict is up or being made, such a failure's
   * `pass-error` goes out at once but its screen waits for the verdict to end: staff read
   * the verdict first (it vanished before, when a camera failed late behind a pasted pass).
   */
  private fail(code: ScannerErrorCode, message: string, background = false): void {
    // A photo without a code is no reason to close the camera.
    if (code !== ScannerErrorCodes.unreadableImage) this.scanController.detach();
    if (background && (this.state === ScannerStates.result || this.state === ScannerStates.verifying)) {
      this.errorAfterResult = { code, message };
      this.dispatchEvent(new PassErrorEvent(code, message));
      return;
    }
    this.errorCode = code;
    this.state = ScannerStates.error;
    this.announce(this.errorText(code));
    this.dispatchEvent(new PassErrorEvent(code, message));
  }

  /** The screen of the failure held back by a verdict; its pass-error went out when it happened. */
  private showDeferredError(): void {
    const deferred = this.errorAfterResult!;
    this.errorAfterResult = undefined;
    this.errorCode = deferred.code;
    this.state = ScannerStates.error;
    this.announce(this.errorText(deferred.code));
  }

  private errorText(code: ScannerErrorCode): string {
    if (code === ScannerErrorCodes.trustStale) return trustStringsFor(languageOf(this)).stale;
    if (code === ScannerErrorCodes.noVenueKey) return gateStringsFor(languageOf(this)).noVenueKey;
    return this.strings.errors[code as Exclude<ScannerErrorCode, 'TRUST_STALE' | 'NO_VENUE_KEY'>];
  }

  /** A gate sync matches passes by their ids across gates: ids from a verifier this element made are this device's alone. */
  private failNoVenueKey(): void {
    if (this.state === ScannerStates.error && this.errorCode === ScannerErrorCodes.noVenueKey) return;
    this.fail(ScannerErrorCodes.noVenueKey, 'gateSync needs the verifier property, made with the venue passIdKey');
  }

  /** Whether the trust bundle held is past `trust-max-age` (a bundle that does not say its age is). */
  private trustIsStale(): boolean {
    return !!this.trustSource && this.trustSource.ageMs() > secondsOr(this.trustMaxAge, DEFAULT_TRUST_MAX_AGE) * 1000;
  }

  /** Refreshes a stale bundle once; still stale: the TRUST_STALE screen, and false. */
  private async ensureFreshTrust(): Promise<boolean> {
    if (!this.trustIsStale()) return true;
    await this.trustSource!.refresh();
    this.requestUpdate();
    if (!this.trustIsStale()) return true;
    const age = formatAge(this.trustSource!.ageMs(), trustStringsFor('en'));
    this.fail(ScannerErrorCodes.trustStale, `trust bundle is ${age} old, past trust-max-age (${secondsOr(this.trustMaxAge, DEFAULT_TRUST_MAX_AGE)} s)`);
    return false;
  }

  private scheduleTrustRefresh(): void {
    clearInterval(this.trustTimer);
    this.trustTimer = undefined;
    const every = secondsOr(this.trustRefresh, 3600);
    if (!this.trust || !(every > 0) || !this.isConnected) return;
    this.trustTimer = setInterval(() => { void this.refreshTrust(); }, Math.max(1, every) * 1000);
  }

  /** A background refresh; during a scan it waits for the result screen to end. Each ends in a `pass-trust-refresh`. */
  private async refreshTrust(): Promise<void> {
    const busy = this.state === ScannerStates.verifying || this.state === ScannerStates.result || this.state === ScannerStates.collecting;
    if (busy || !this.trustSource) {
      this.refreshPending = busy;
      if (busy) this.dispatchEvent(new PassTrustRefreshEvent('deferred'));
      return;
    }
    this.refreshPending = false;
    const outcome = await this.trustSource.refresh();
    this.requestUpdate(); // the banner follows the bundle's age
    this.dispatchEvent(new PassTrustRefreshEvent(outcome));
  }

  /**
   * Settles when the `trust` bundle is loaded and no refresh of it is in flight: the last refresh's
   * outcome ('updated', 'unchanged', 'failed'), or undefined (no `trust`, or no refresh yet).
   */
  async trustSettled(): Promise<RefreshOutcome | undefined> {
    await this.verifierPromise?.catch(() => undefined);
    return this.trustSource?.settled();
  }

  private verifierFor(): Promise<Verifier> {
    if (this.verifier) return Promise.resolve(this.verifier);
    if (this.gateSync) {
      // Fail closed, and loudly: a verdict here would be checked against a venue memory that can never match it.
      this.failNoVenueKey();
      const refused = Promise.reject(new Error('NO_VENUE_KEY'));
      refused.catch(() => {});
      return refused;
    }
    if (!this.policy) {
      // Fail closed: without a policy "authentic" would be shown as "Accepted" (a positive test, one dose of two).
      const missing = Promise.reject(new Error('no policy: set the policy attribute'));
      missing.catch(() => {});
      if (this.state !== ScannerStates.error || this.errorCode !== ScannerErrorCodes.noPolicy) {
        this.fail(ScannerErrorCodes.noPolicy, this.strings.errors.NO_POLICY);
      }
      return missing;
    }
    if (!this.verifierPromise) {
      let trustKey: JsonWebKey | undefined;
      try { trustKey = parseTrustKey(this.trustKey); } catch (e) {
        this.fail(ScannerErrorCodes.trustUnavailable, (e as Error).message, true);
        return Promise.reject(e);
      }
      // The duplicate store's key and the trust bundle load side by side (each may read IndexedDB).
      const pending = verifierAndSource({ trust: this.trust, trustKey, trustCrossOrigin: this.trustCrossOrigin, policy: this.policy, locale: languageOf(this), passIdKey: this.detector().passIdKey() })
        .then(({ verifier, source }) => {
          if (this.verifierPromise === pending) { this.trustSource = source; this.scheduleTrustRefresh(); this.requestUpdate(); }
          return verifier;
        });
      this.verifierPromise = pending;
      pending.catch((e: Error) => {
        if (this.verifierPromise === pending) this.verifierPromise = undefined;
        this.fail(ScannerErrorCodes.trustUnavailable, e.message, true);
      });
    }
    return this.verifierPromise;
  }

  private detector(): DuplicateDetector {
    this.duplicates ??= new DuplicateDetector(
      secondsOr(this.duplicateWindow, 300) * 1000,
      this.duplicateStorage === 'idb' ? idbDuplicateStore() : this.memoryDuplicates,
    );
    return this.duplicates;
  }

  /** This device's duplicate memory as a GateSync (the one used when no `gateSync` is given). */
  private local(): LocalGateSync {
    const detector = this.detector();
    if (this.localGate?.detector !== detector) this.localGate = new LocalGateSync(detector);
    return this.localGate;
  }

  private onTexts(texts: string[], frameAt: number, codes?: DecodedCode[]): void {
    // Several codes in one frame: the chunks of one card side by side, or a pass next to a poster.
    const firstFrameAt = Math.min(frameAt, this.scanController.sessionStartedAt ?? frameAt);
    texts.forEach((text, i) => void this.onText(text, firstFrameAt, codes?.[i]?.bytes));
  }

  /**
   * `bytes`: the code's raw bytes, when the decoder read them. They go to the
   * verifier instead of the text when the text is none the verifier knows by
   * its start (a DIVOC QR holds a ZIP archive, which no text carries intact).
   */
  private async onText(text: string, frameAt: number, bytes?: Uint8Array): Promise<VerificationResult | undefined> {
    if (!text || this.state === ScannerStates.verifying || this.state === ScannerStates.result) return undefined;
    if (this.lastText?.text === text && performance.now() < this.lastText.until) return undefined;
    if (this.chunkCollector.holds(text)) return undefined;

    const outcome = this.chunkCollector.add(text);
    if (outcome.kind === 'partial') {
      this.progress = outcome.progress;
      this.state = ScannerStates.collecting;
      this.announce(this.strings.chunksScanned(outcome.progress.have, outcome.progress.total));
      return undefined;
    }
    // A text the verifier reads as a pass (verifier-core's own detection) goes as text; else the code's bytes.
    const raw = bytes && outcome.kind !== 'complete' && !detectFormat(text) ? bytes : undefined;
    const input = outcome.kind === 'complete' ? outcome.chunks : raw ?? outcome.text;
    this.progress = undefined;
    this.state = ScannerStates.verifying;
    this.scanController.paused = true;
    let result: VerificationResult;
    let seen: { at?: Date; gate: string } | undefined;
    try {
      const verifier = await this.verifierFor();
      // No verdict on stale trust: a clear screen for staff, nothing that blames the visitor.
      if (!(await this.ensureFreshTrust())) return undefined;
      result = await verifier.verify(input);
      // Keyed on the pass, not on the text: every re-encoding of a scanned pass has the same passId.
      seen = await this.seenBefore(result);
    } catch (e) {
      // Caller mistakes only (the verifier never throws for a bad pass): a setup problem.
      if (this.state === ScannerStates.verifying) {
        // The trust download that failed while this scan waited for it has told the page already.
        if (this.errorAfterResult?.code === ScannerErrorCodes.trustUnavailable) this.showDeferredError();
        else this.fail(ScannerErrorCodes.trustUnavailable, (e as Error).message);
      }
      return undefined;
    }
    if (!result.policy) {
      // A `verifier` property made without a policy: no door decision can be made from it.
      this.fail(ScannerErrorCodes.noPolicy, this.strings.errors.NO_POLICY);
      return undefined;
    }
    this.lastText = { text, until: Infinity };
    const duplicateOf = seen?.at;
    this.showVerdict(result, seen);
    const verdict = this.verdict;
    // Each verdict has its own count: a pass shown twice is one person admitted, not two.
    const counted = verdict === Verdicts.rejected ? 'rejected' : verdict === Verdicts.duplicate ? 'duplicate' : 'accepted';
    this.counts = { ...this.counts, [counted]: this.counts[counted] + 1 };
    if (this.sound) beep(verdict !== Verdicts.rejected);
    if (this.vibrate) buzz(verdict !== Verdicts.rejected);
    this.dispatchEvent(new PassResultEvent(result, duplicateOf, frameAt, this.duplicateGate, !!seen));
    return result;
  }

  /**
   * Whether this pass was let in before. This device's memory (a LocalGateSync) records every pass,
   * with or without a venue `gateSync`: an offline sync (claims queued, answering "first") or a failing
   * one must not make a second scan at this same gate "first". For an accepted pass with an id, the
   * venue's gate sync is asked too; either one having seen it makes it a duplicate (fail closed).
   */
  private async seenBefore(result: VerificationResult): Promise<{ at?: Date; gate: string } | undefined> {
    const local = await this.local().claim(result.passId as string);
    const here = local.first ? undefined : { at: validDate(local.at), gate: '' };
    // Only a door decision (a policy's accept) is a claim: a verifier without a policy admits no one.
    if (this.gateSync && this.gateSync !== this.localGate && result.passId && result.policy && isAccepted(result)) {
      try {
        const claim = await this.gateSync.claim(result.passId) as Partial<{ first: boolean; gate: unknown; at: unknown }> | undefined;
        // Only an explicit "first" is a first; any other answer (no time, a bad time, no gate) is a duplicate.
        if (claim?.first === true) return here;
        return { at: validDate(claim?.at), gate: typeof claim?.gate === 'string' ? claim.gate : '' };
      } catch {
        // A broken gate sync is no reason to forget this device's own memory: fall through.
      }
    }
    return here;
  }

  /** Follows a gate sync's status (offline, queued claims) and its late-duplicate notices. */
  private watchGateSync(sync: GateSyncLike | undefined): void {
    if (this.watchedGateSync?.target === (sync as unknown)) return;
    this.watchedGateSync?.off();
    this.watchedGateSync = undefined;
    this.gateStatus = undefined;
    if (!sync || typeof (sync as unknown as EventTarget).addEventListener !== 'function') return;
    const target = sync as unknown as EventTarget;
    const onStatus = (event: Event) => {
      const detail = (event as CustomEvent<{ online: boolean; pending: number }>).detail;
      this.gateStatus = { online: !!detail?.online, pending: Number(detail?.pending) || 0 };
    };
    const onLate = (event: Event) => {
      const detail = (event as CustomEvent<{ gate: string; at: Date; admittedHereAt: Date }>).detail;
      const notice = { gate: String(detail.gate), at: new Date(detail.at), admittedHereAt: new Date(detail.admittedHereAt) };
      // Bounded: the latest few stay on screen; every one is an event for the page to log.
      this.lateNotices = [...this.lateNotices, notice].slice(-5);
      this.announce(gateStringsFor(languageOf(this)).lateDuplicate(notice.gate, this.timeOf(notice.at), this.timeOf(notice.admittedHereAt)));
      this.dispatchEvent(new PassLateDuplicateEvent(notice));
    };
    target.addEventListener(GateSyncEventNames.status, onStatus);
    target.addEventListener(GateSyncEventNames.lateDuplicate, onLate);
    this.watchedGateSync = {
      target,
      off: () => {
        target.removeEventListener(GateSyncEventNames.status, onStatus);
        target.removeEventListener(GateSyncEventNames.lateDuplicate, onLate);
      },
    };
    const current = (sync as { status?: { online: boolean; pending: number } }).status;
    if (current && typeof current.online === 'boolean') this.gateStatus = { online: current.online, pending: current.pending };
  }

  /** The one way this element writes a time: a safe locale (a malformed `lang` cannot throw), '' for no valid date. */
  private timeOf(date: Date | undefined): string {
    const valid = validDate(date);
    return valid ? valid.toLocaleTimeString(formatLocaleOf(this), { hour: '2-digit', minute: '2-digit' }) : '';
  }

  private scheduleReset(): void {
    clearInterval(this.resetTimer);
    const after = secondsOr(this.resetAfter, 6);
    this.secondsLeft = after;
    if (!after) return;
    const endsAt = performance.now() + after * 1000;
    this.resetTimer = setInterval(() => {
      this.secondsLeft = Math.ceil((endsAt - performance.now()) / 1000);
      if (this.secondsLeft > 0) return;
      this.endResult();
    }, 250);
  }

  /** Timed or tapped end of a result: the same phone may still be in view, so its text is ignored briefly. */
  private endResult(): void {
    if (this.lastText) this.lastText.until = performance.now() + SAME_TEXT_COOLDOWN_MS;
    this.clearResult();
  }

  /**
   * After the control that had focus went away (a closed form, a dismissed notice, a retried error):
   * focus `selector`'s first match once rendered, if focus fell to <body>, so a keyboard user is not sent back to the top.
   */
  private async focusNext(selector: string): Promise<void> {
    await this.updateComplete;
    const active = deepActiveElement();
    if (active && active !== document.body && active.isConnected) return;
    (this.renderRoot.querySelector<HTMLElement>(selector) ?? this.renderRoot.querySelector<HTMLElement>(FIRST_FALLBACK))?.focus();
  }

  private announce(text: string): void {
    this.announcement = text;
  }

  private async onFileChosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.type.startsWith('image/')) {
      let texts: string[] = [];
      try {
        texts = await this.scanController.decodeOnce(await createImageBitmap(file));
      } catch {
        texts = [];
      }
      if (!texts.length) {
        this.fail(ScannerErrorCodes.unreadableImage, 'no QR code found in the chosen picture');
        return;
      }
      if (this.state === ScannerStates.error) this.state = this.running ? ScannerStates.scanning : ScannerStates.idle;
      for (const text of texts) await this.verifyText(text);
      return;
    }
    // A .smart-health-card file (JSON with verifiableCredential) or a text file holding the QR text.
    if (file.size > 1_000_000) {
      this.fail(ScannerErrorCodes.unreadableImage, 'the file is too large to be a pass');
      return;
    }
    if (this.state === ScannerStates.error) this.state = this.running ? ScannerStates.scanning : ScannerStates.idle;
    await this.verifyText(await file.text());
  }

  private async onPasteSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const text = (new FormData(form).get('pass') as string | null) ?? '';
    if (!text.trim()) return;
    form.reset();
    this.pasteOpen = false;
    if (this.state === ScannerStates.error) this.state = this.running ? ScannerStates.scanning : ScannerStates.idle;
    await this.verifyText(text);
  }

  private onResultKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' || event.key === ' ' || event.key === 'Escape') {
      event.preventDefault();
      this.endResult();
    }
  }

  override render() {
    const s = this.strings;
    const camera = this.cameraController;
    const cameraLive = !!camera.stream;
    const age = this.trustSource?.ageMs();
    const warn = age !== undefined && age > secondsOr(this.trustWarnAge, DEFAULT_TRUST_WARN_AGE) * 1000 && this.state !== ScannerStates.error;
    const t = warn ? trustStringsFor(languageOf(this)) : undefined;
    return html`
      ${warn ? html`<p part="trust-banner" class="trust-banner" role="status">${t!.banner(formatAge(age!, t!))}</p>` : nothing}
      <div part="base" class="base">
        <video part="video" muted playsinline aria-hidden="true" ?hidden=${!cameraLive}></video>
        <div part="viewfinder" class="viewfinder" ?hidden=${this.state !== ScannerStates.scanning && this.state !== ScannerStates.collecting}></div>
        <div part="controls" class="controls" ?hidden=${!cameraLive || this.state === ScannerStates.result}>
          ${camera.devices.length > 1 ? html`<button type="button" @click=${() => camera.switchCamera().catch((e) => this.fail(ScannerErrorCodes.cameraFailed, e.message, true))}>${s.switchCamera}</button>` : nothing}
          ${camera.torchAvailable ? html`<button type="button" aria-pressed=${camera.torchOn ? 'true' : 'false'} @click=${() => camera.setTorch(!camera.torchOn)}>${s.torch}</button>` : nothing}
          ${camera.zoomRange ? html`<label class="zoom">${s.zoom}
              <input type="range" min=${camera.zoomRange.min} max=${camera.zoomRange.max} step=${camera.zoomRange.step} .value=${String(camera.zoom ?? camera.zoomRange.min)}
                @input=${(e: Event) => camera.setZoom(Number((e.target as HTMLInputElement).value))} />
            </label>` : nothing}
        </div>
        <div part="status" class="status" ?hidden=${this.state === ScannerStates.result || this.state === ScannerStates.error}>
          ${this.statusText(s)}
          ${this.engine ? html`<span part="engine" class="engine">${s.engine(this.engine)}</span>` : nothing}
        </div>
        ${this.state === ScannerStates.result && this.result ? this.renderResult(s, this.result) : nothing}
        ${this.state === ScannerStates.error && this.errorCode ? this.renderError(s, this.errorCode) : nothing}
      </div>
      ${this.renderGateSync()}
      ${this.counters ? html`<div part="counters" class="counters">
          <span>${s.acceptedCount}: <strong data-count="accepted">${this.counts.accepted}</strong></span>
          <span>${s.rejectedCount}: <strong data-count="rejected">${this.counts.rejected}</strong></span>
          <span>${s.duplicate}: <strong data-count="duplicate">${this.counts.duplicate}</strong></span>
        </div>` : nothing}
      <div part="fallbacks" class="fallbacks">
        <label class="file-button">${s.openFile}
          <input type="file" accept="image/*,.smart-health-card,.json,.txt,application/smart-health-card" @change=${this.onFileChosen} />
        </label>
        <button type="button" aria-expanded=${this.pasteOpen ? 'true' : 'false'} @click=${() => { this.pasteOpen = !this.pasteOpen; }}>${s.pasteText}</button>
      </div>
      ${this.pasteOpen ? html`<form class="paste" @submit=${this.onPasteSubmit}>
          <label class="visually-hidden" for="paste">${s.pasteText}</label>
          <textarea id="paste" name="pass" autocomplete="off" spellcheck="false" maxlength="200000"></textarea>
          <div><button type="submit">${s.verifyText}</button> <button type="button" @click=${() => { this.pasteOpen = false; void this.focusNext(PASTE_TOGGLE); }}>${s.cancel}</button></div>
        </form>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  private statusText(s: UiStrings) {
    switch (this.state) {
      case ScannerStates.starting: return s.starting;
      case ScannerStates.verifying: return s.verifying;
      case ScannerStates.collecting: return this.progress ? s.chunksScanned(this.progress.have, this.progress.total) : this.readyText(s);
      case ScannerStates.idle: return this.running ? this.readyText(s) : s.stopped;
      default: return this.readyText(s);
    }
  }

  /** What to do next while waiting for a pass: point the camera, or, with none, open or paste one. */
  private readyText(s: UiStrings): string {
    return this.frameSource || this.camera !== 'off' ? s.pointCamera : s.cameraOff;
  }

  private renderResult(s: UiStrings, result: VerificationResult) {
    const verdict = this.verdict ?? Verdicts.rejected;
    const words = verdict === Verdicts.accepted ? s.accepted : verdict === Verdicts.duplicate ? s.duplicate : s.rejected;
    const icon = verdict === Verdicts.accepted ? '✓' : verdict === Verdicts.duplicate ? '!' : '✗';
    const reasons = verdict === Verdicts.accepted ? [] : reasonsOf(result);
    const time = this.timeOf(this.duplicateOf);
    const g = gateStringsFor(languageOf(this));
    const gate = this.duplicateGate ? shownText(this.duplicateGate) : undefined;
    const seenLine = !this.duplicate ? undefined
      : gate ? (time ? g.alreadyAdmittedAt(gate, time) : g.alreadyAdmitted(gate))
      : time ? s.alreadyScannedAt(time) : undefined;
    return html`
      <div part="result" class="result" data-verdict=${verdict} @click=${() => this.endResult()}>
        <div class="icon" aria-hidden="true">${icon}</div>
        <p part="verdict" class="verdict">${words}</p>
        ${seenLine ? html`<p class="detail" data-duplicate>${seenLine}</p>` : nothing}
        ${result.holder ? html`<div part="holder" class="holder-block">
            <p class="holder"><bdi>${shownText(result.holder.name)}</bdi></p>
            ${shownDate(result.holder.birthDate) ? html`<p class="detail">${s.born}: <bdi>${shownDate(result.holder.birthDate)}</bdi></p>` : nothing}
          </div>` : nothing}
        ${reasons.length ? html`<p class="detail reasons" data-reason>${s.reason}: ${shownText(sentencesOf(reasons), MAX_SHOWN_TEXT * 2)}</p>` : nothing}
        ${verdict !== Verdicts.rejected && result.policy?.rule ? html`<p class="detail" data-rule>${s.admittedBy}: <bdi>${shownText(result.policy.rule, 40)}</bdi></p>` : nothing}
        <button type="button" @click=${(e: Event) => { e.stopPropagation(); this.endResult(); }} @keydown=${this.onResultKey}>
          ${this.secondsLeft > 0 ? `${s.tapForNext} · ${s.nextIn(this.secondsLeft)}` : s.tapForNext}
        </button>
      </div>`;
  }

  private renderGateSync() {
    const g = gateStringsFor(languageOf(this));
    return html`
      ${this.gateStatus && !this.gateStatus.online ? html`<p part="gate-status" class="gate-status" data-gate-status="offline">${g.offline(this.gateStatus.pending)}</p>` : nothing}
      ${this.lateNotices.map((n, i) => html`<div part="notice" class="notice" role="alert" data-notice="late-duplicate">
          <span>${g.lateDuplicate(shownText(n.gate), this.timeOf(n.at), this.timeOf(n.admittedHereAt))}</span>
          <button type="button" @click=${() => { this.lateNotices = this.lateNotices.filter((_, j) => j !== i); void this.focusNext('[data-notice] button'); }}>${g.dismiss}</button>
        </div>`)}`;
  }

  private renderError(s: UiStrings, code: ScannerErrorCode) {
    return html`
      <div part="error" class="error" role="alert" data-code=${code}>
        <p class="detail">${this.errorText(code)}</p>
        <button type="button" @click=${() => { void this.start(); void this.focusNext(FIRST_FALLBACK); }}>${s.retry}</button>
      </div>`;
  }
}

/** A Date that is a real time (a gate sync's answer may carry none, a string, or garbage). */
function validDate(value: unknown): Date | undefined {
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  return date && Number.isFinite(date.getTime()) ? date : undefined;
}

/** The scanner's first own control, where focus goes when nothing better is left. */
const FIRST_FALLBACK = '[part~="fallbacks"] input, [part~="fallbacks"] button';
const PASTE_TOGGLE = '[part~="fallbacks"] button[aria-expanded]';

/** The focused element, looking inside open shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement as HTMLElement | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active ?? undefined;
}
