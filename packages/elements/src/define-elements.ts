// Tag registration, without side effects: `define.ts` and the script tag call these.
import { PassScannerElement } from './pass-scanner/pass-scanner.component.js';
import { PassDisplayElement } from './pass-display/pass-display.component.js';

export function definePassScanner(): void {
  if (!customElements.get('pass-scanner')) customElements.define('pass-scanner', PassScannerElement);
}

export function definePassDisplay(): void {
  if (!customElements.get('pass-display')) customElements.define('pass-display', PassDisplayElement);
}

/** Registers <pass-scanner> and <pass-display>, each only if the tag is still free. */
export function defineElements(): void {
  definePassScanner();
  definePassDisplay();
}

declare global {
  interface HTMLElementTagNameMap {
    'pass-scanner': PassScannerElement;
    'pass-display': PassDisplayElement;
  }
}
