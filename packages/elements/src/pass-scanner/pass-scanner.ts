// Registers <pass-scanner>.
import { PassScannerElement } from './pass-scanner.component.js';

export function definePassScanner(): void {
  if (!customElements.get('pass-scanner')) customElements.define('pass-scanner', PassScannerElement);
}

definePassScanner();

declare global {
  interface HTMLElementTagNameMap {
    'pass-scanner': PassScannerElement;
  }
}
