// Registers <pass-display>.
import { PassDisplayElement } from './pass-display.component.js';

export function definePassDisplay(): void {
  if (!customElements.get('pass-display')) customElements.define('pass-display', PassDisplayElement);
}

definePassDisplay();

declare global {
  interface HTMLElementTagNameMap {
    'pass-display': PassDisplayElement;
  }
}
