// Registers <pass-scanner> and <pass-display> (each only once, however often this is imported).
import { definePassScanner } from './pass-scanner/pass-scanner.js';
import { definePassDisplay } from './pass-display/pass-display.js';

export function defineElements(): void {
  definePassScanner();
  definePassDisplay();
}

export { PassScannerElement } from './pass-scanner/pass-scanner.component.js';
export { PassDisplayElement } from './pass-display/pass-display.component.js';
