// Registers <pass-scanner> (for those who import one component at a time).
import { definePassScanner } from '../define-elements.js';

definePassScanner();

export { PassScannerElement } from './pass-scanner.component.js';
