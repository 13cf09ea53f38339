// Registers <pass-display> (for those who import one component at a time).
import { definePassDisplay } from '../define-elements.js';

definePassDisplay();

export { PassDisplayElement } from './pass-display.component.js';
