import { LitElement, html, nothing, svg, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { VerificationResult, Verifier } from '@pass-check/verifier-core';
import { formatLocaleOf, languageOf, stringsFor, type UiStrings } from '../internal/strings.js';
import { encodeQrMatrix, qrPath, type QrMatrix } from '../internal/qr-encode.js';
import { passTextsFrom } from '../internal/pass-input.js';
import { formatLabel } from '../internal/format-label.js';
import { isAccepted, reasonsOf, sentencesOf } from '../internal/verdict.js';
import { MAX_SHOWN_TEXT, shownDate, shownText } from '../internal/display-text.js';
import { PassResultEvent } from '../events.js';
import { verifierFromSettings } from '../internal/verifier-setup.js';
import { firstAvailableEngine } from '../decoders/engine.js';
import { decoderFactories } from '../decoders/assets.js';
import { deletePass, defaultWalletStore, listPasses, planImport, saveImport, savePass, WalletFullError, type ImportPlan, type SavedPass } from './wallet.js';
import { resolveLanguage } from '@pass-check/verifier-core';
import { passDisplayStyles } from './pass-display.styles.js';
import type { UseStore } from 'idb-keyval';

const WALLET_FIRST_ACTION = '.wallet-actions input, .wallet-actions button';
const PASTE_TOGGLE = '.wallet-actions button[aria-expanded]';

/** A full wallet, in the languages the wallet's other messages have most; others read English. */
const WALLET_FULL: Record<string, string> = {
  en: 'This device holds as many passes as it can keep: delete one to save another.',
  fr: 'Cet appareil contient déjà autant de pass qu’il peut en garder : supprimez-en un pour en enregistrer un autre.',
  es: 'Este dispositivo ya guarda todos los pases que puede: borre uno para guardar otro.',
};

/** Longest text accepted as a pass; longer input is not a QR's worth. */
const MAX_PASS_CHARS = 200_000;

/**
 * One health pass as a card: verdict badge, holder, what it certifies, and its
 * QR drawn again crisply, so it scans at the door and prints as a paper pass.
 * With `wallet`, also a list of passes kept on this device (IndexedDB), with
 * import from a file, pasted text or a photo of the QR.
 *
 * @event pass-result - The pass was verified. `detail` is the VerificationResult.
 *
 * @csspart card - The pass card.
 * @csspart badge - The verdict badge; carries `data-verdict` (accepted, rejected, pending).
 * @csspart holder - The holder's name.
 * @csspart summary - What the pass certifies, the issuer, the dates.
 * @csspart qr - The re-encoded QR code (an SVG).
 * @csspart wallet - The saved-passes list and import controls.
 *
 * @cssproperty --pass-display-accent-color - Badge colour for a valid pass.
 * @cssproperty --pass-display-reject-color - Badge colour for a pass that does not verify.
 * @cssproperty --pass-display-pending-color - Badge colour while checking.
 * @cssproperty --pass-display-background - Card background.
 * @cssproperty --pass-display-foreground - Text colour.
 * @cssproperty --pass-display-muted-color - Secondary text.
 * @cssproperty --pass-display-focus-color - Keyboard focus ring.
 * @cssproperty --pass-display-radius - Card corner radius.
 * @cssproperty --pass-display-font - Font family.
 */
export class PassDisplayElement extends LitElement {
  static override styles = passDisplayStyles;

  /** The pass: its QR text (`shc:/…`, `HC1:…`, IDHP or VDS-NC JSON, a DIVOC certificate.json), a compact JWS or a .smart-health-card file's text. */
  @property() value = '';
  /** The pass as a QR code's raw bytes (a DIVOC QR holds a ZIP archive); when set, shown instead of `value`. */
  @property({ attribute: false }) bytes: Uint8Array | undefined;
  /** URL of a TrustBundle JSON used to verify the pass. */
  @property() trust: string | undefined;
  /** Allow `trust` to name another origin (https only). Off by default: the bundle decides which signatures count. */
  @property({ attribute: 'trust-cross-origin', type: Boolean }) trustCrossOrigin = false;
  /** A policy preset name. */
  @property() policy: string | undefined;
  /** Set a verifier directly; overrides `trust` and `policy`. */
  @property({ attribute: false }) verifier: Verifier | undefined;
  /** Show the saved passes and the import controls. */
  @property({ type: Boolean, reflect: true }) wallet = false;
  /** Where wallet passes are kept (an idb-keyval store); tests and apps may give their own. */
  @property({ attribute: false }) walletStore: UseStore | undefined;

  @state() result: VerificationResult | undefined;
  @state() private matrix: QrMatrix | undefined;
  @state() private saved: SavedPass[] = [];
  @state() private pasteOpen = false;
  @state() private importError = '';
  /** A multi-pass import waiting for the holder's yes: nothing is stored before it. */
  @state() pendingImport: ImportPlan | undefined;

  private renderToken = 0;

  private get strings(): UiStrings {
    return stringsFor(languageOf(this));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.wallet) void this.refreshWallet();
  }

  static override get observedAttributes(): string[] {
    // `lang` is a global attribute: watch it so words and messages follow it.
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value && this.hasUpdated) void this.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value') || changed.has('bytes') || changed.has('verifier') || changed.has('trust') || changed.has('trustCrossOrigin') || changed.has('policy')) void this.load();
    if (changed.has('wallet') && this.wallet && this.isConnected) void this.refreshWallet();
  }

  /** Verifies and draws the current value; a newer value wins over a slower older one. */
  private async load(): Promise<void> {
    const token = ++this.renderToken;
    const text: string | Uint8Array = this.bytes?.length ? this.bytes : (passTextsFrom(this.value.slice(0, MAX_PASS_CHARS))[0] ?? '');
    this.result = undefined;
    this.matrix = undefined;
    if (!text.length) return;
    const [matrix, result] = await Promise.all([
      encodeQrMatrix(text).catch(() => undefined),
      this.verifierFor().then((v) => v.verify(text)).catch(() => undefined),
    ]);
    if (token !== this.renderToken) return;
    this.matrix = matrix;
    this.result = result;
    if (result) this.dispatchEvent(new PassResultEvent(result));
  }

  private async verifierFor(): Promise<Verifier> {
    if (this.verifier) return this.verifier;
    // The holder's own pass on their own device: show every detail it carries.
    return verifierFromSettings({ trust: this.trust, policy: this.policy, locale: languageOf(this), trustCrossOrigin: this.trustCrossOrigin, disclose: 'full' });
  }

  private store(): UseStore {
    this.walletStore ??= defaultWalletStore();
    return this.walletStore;
  }

  private async refreshWallet(): Promise<void> {
    try {
      this.saved = await listPasses(this.store());
    } catch {
      this.saved = []; // private browsing without IndexedDB: the wallet is simply empty
    }
  }

  /** Saves the shown pass in the wallet. */
  async save(): Promise<void> {
    const text = passTextsFrom(this.value)[0];
    if (!text) return;
    this.importError = '';
    if (!(await this.saveOne(text))) return;
    await this.refreshWallet();
  }

  /**
   * Adds passes from text (QR text, a JWS, a .smart-health-card file) and shows the first. One pass is
   * saved at once (it is shown); several are only planned (new ones, at most MAX_IMPORT_PASSES) and shown
   * as a preview that `confirmImport()` (the "Save" button) stores and `cancelImport()` drops.
   */
  async importText(input: string): Promise<void> {
    const texts = passTextsFrom(input.slice(0, MAX_PASS_CHARS));
    if (!texts.length) return;
    this.importError = '';
    if (texts.length === 1) {
      if (!(await this.saveOne(texts[0]!))) return;
      this.value = texts[0]!;
      await this.refreshWallet();
      return;
    }
    this.pendingImport = await planImport(texts, this.store());
  }

  /** Saves one pass; a full wallet (MAX_WALLET_PASSES) is a message for the holder, and false. */
  private async saveOne(text: string): Promise<boolean> {
    try {
      await savePass(text, this.store());
      return true;
    } catch (e) {
      if (!(e instanceof WalletFullError)) throw e;
      this.importError = WALLET_FULL[resolveLanguage(languageOf(this)) as 'en'] ?? WALLET_FULL.en;
      return false;
    }
  }

  /** Stores the previewed import. */
  async confirmImport(): Promise<void> {
    const plan = this.pendingImport;
    this.pendingImport = undefined;
    if (!plan?.add.length) return;
    await saveImport(plan, this.store());
    this.value = plan.add[0]!;
    await this.refreshWallet();
    await this.focusNext(PASTE_TOGGLE);
  }

  /** Drops the previewed import. */
  cancelImport(): void {
    this.pendingImport = undefined;
    void this.focusNext(PASTE_TOGGLE);
  }

  private async removeSaved(id: string): Promise<void> {
    const index = this.saved.findIndex((p) => p.id === id);
    await deletePass(id, this.store());
    await this.refreshWallet();
    // Focus on the pass now in its place (or the one before it), else on the wallet's first action.
    const rows = this.saved.length;
    await this.focusNext(rows ? `.wallet li:nth-child(${Math.min(index, rows - 1) + 1}) button` : WALLET_FIRST_ACTION);
  }

  /**
   * After the control that had focus went away (a closed form or preview, a deleted pass): focus
   * `selector`'s first match once rendered, if focus fell to <body>.
   */
  private async focusNext(selector: string): Promise<void> {
    await this.updateComplete;
    let active = document.activeElement as HTMLElement | null;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
    if (active && active !== document.body && active.isConnected) return;
    (this.renderRoot.querySelector<HTMLElement>(selector) ?? this.renderRoot.querySelector<HTMLElement>(WALLET_FIRST_ACTION))?.focus();
  }

  private async onFileChosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      if (file.type.startsWith('image/')) {
        const engine = await firstAvailableEngine(decoderFactories());
        const texts = await engine.decode(await createImageBitmap(file)).finally(() => engine.dispose());
        if (!texts.length) throw new Error('no QR code');
        await this.importText(texts[0]!);
      } else if (file.size <= 1_000_000) {
        await this.importText(await file.text());
      }
    } catch {
      this.importError = this.strings.errors.UNREADABLE_IMAGE;
    }
  }

  private async onPasteSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const text = (new FormData(form).get('pass') as string | null) ?? '';
    form.reset();
    this.pasteOpen = false;
    await this.importText(text);
    // A preview to confirm takes focus on its Save; otherwise back to "Paste text".
    await this.focusNext(this.pendingImport ? '[data-import-confirm]' : PASTE_TOGGLE);
  }

  override render() {
    const s = this.strings;
    return html`
      ${this.wallet ? this.renderWallet(s) : nothing}
      ${this.value || this.bytes?.length ? this.renderCard(s) : nothing}
    `;
  }

  private renderCard(s: UiStrings) {
    const result = this.result;
    // The holder's own view: without a policy the badge says whether the pass is authentic and in date.
    const verdict = !result ? 'pending' : (result.policy ? isAccepted(result) : result.status === 'valid') ? 'accepted' : 'rejected';
    // With a policy the badge speaks of the door decision; an authentic pass that fails it is "Rejected", not "Valid".
    const words = !result ? s.verifying
      : result.status === 'incomplete' ? s.incomplete
      : result.policy ? (verdict === 'accepted' ? s.accepted : s.rejected)
      : result.status === 'valid' ? s.valid : s.invalid;
    const reasons = result ? reasonsOf(result) : [];
    const kind = result?.credential?.kind;
    return html`
      <article part="card" class="card" aria-busy=${result ? 'false' : 'true'}>
        <span part="badge" class="badge" data-verdict=${verdict} role="status">
          <span aria-hidden="true">${verdict === 'accepted' ? '✓' : verdict === 'rejected' ? '✗' : '…'}</span>${words}
        </span>
        ${result?.holder ? html`<p part="holder" class="holder"><bdi>${shownText(result.holder.name)}</bdi></p>` : nothing}
        <div part="summary">
          ${shownDate(result?.holder?.birthDate) ? html`<p class="detail">${s.born}: <bdi>${shownDate(result?.holder?.birthDate)}</bdi></p>` : nothing}
          ${kind ? html`<p class="detail" data-kind=${kind}>${s.kinds[kind]}${this.doseSummary(result)}</p>` : nothing}
          ${result?.issuer ? html`<p class="detail">${s.issuer}: <bdi>${shownText(result.issuer.name ?? result.issuer.id, MAX_SHOWN_TEXT)}</bdi></p>` : nothing}
          ${verdict === 'rejected' && reasons.length ? html`<p class="detail" data-reason>${s.reason}: ${shownText(sentencesOf(reasons), MAX_SHOWN_TEXT * 2)}</p>` : nothing}
        </div>
        ${this.matrix ? html`<div part="qr" class="qr">${this.renderQr(this.matrix)}</div>` : nothing}
        ${this.wallet ? html`<div class="actions"><button type="button" @click=${() => this.save()}>${s.savePass}</button></div>` : nothing}
      </article>`;
  }

  private doseSummary(result: VerificationResult | undefined): string {
    const credential = result?.credential as { kind: string; doses?: { date: string }[] } | undefined;
    if (credential?.kind !== 'vaccination' || !credential.doses?.length) return '';
    const dates = credential.doses.map((d) => shownDate(d.date)).filter(Boolean);
    return dates.length ? ` · ${dates.join(', ')}` : '';
  }

  private renderQr(matrix: QrMatrix) {
    const extent = matrix.size + 8;
    return html`<svg viewBox="0 0 ${extent} ${extent}" shape-rendering="crispEdges" role="img" aria-label="QR code">
      ${svg`<rect width=${extent} height=${extent} fill="#ffffff"></rect><path d=${qrPath(matrix)} fill="#000000"></path>`}
    </svg>`;
  }

  private renderWallet(s: UiStrings) {
    return html`
      <section part="wallet" class="wallet" aria-label=${s.wallet}>
        <h2 class="detail">${s.wallet}</h2>
        ${this.saved.length ? html`<ul>${this.saved.map((pass) => html`
            <li aria-current=${pass.text === this.value ? 'true' : 'false'}>
              <span>${new Date(pass.savedAt).toLocaleString(formatLocaleOf(this))}</span>
              <span>
                <button type="button" @click=${() => { this.value = pass.text; }}>${s.show}</button>
                <button type="button" @click=${() => this.removeSaved(pass.id)}>${s.deletePass}</button>
              </span>
            </li>`)}</ul>` : html`<p class="detail">${s.noPasses}</p>`}
        <div class="wallet-actions">
          <label class="file-button">${s.openFile}
            <input type="file" accept="image/*,.smart-health-card,.json,.txt,application/smart-health-card" @change=${this.onFileChosen} />
          </label>
          <button type="button" aria-expanded=${this.pasteOpen ? 'true' : 'false'} @click=${() => { this.pasteOpen = !this.pasteOpen; }}>${s.pasteText}</button>
        </div>
        ${this.importError ? html`<p class="detail" role="alert">${this.importError}</p>` : nothing}
        ${this.pendingImport ? html`<div class="import-preview" role="alertdialog" aria-label=${s.wallet}>
            <p class="detail" data-import-preview>${s.importPreview(this.pendingImport.add.length, this.pendingImport.alreadySaved + this.pendingImport.overLimit)}</p>
            <ul>${this.pendingImport.add.slice(0, 10).map((text) => html`<li><bdi>${formatLabel(text)}</bdi></li>`)}</ul>
            <button type="button" data-import-confirm ?disabled=${!this.pendingImport.add.length} @click=${() => this.confirmImport()}>${s.savePass}</button>
            <button type="button" data-import-cancel @click=${() => this.cancelImport()}>${s.cancel}</button>
          </div>` : nothing}
        ${this.pasteOpen ? html`<form @submit=${this.onPasteSubmit}>
            <label class="visually-hidden" for="paste">${s.pasteText}</label>
            <textarea id="paste" name="pass" autocomplete="off" spellcheck="false"></textarea>
            <button type="submit">${s.savePass}</button>
          </form>` : nothing}
      </section>`;
  }
}
