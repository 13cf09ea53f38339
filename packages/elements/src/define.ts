// Registers <pass-scanner> and <pass-display> (each only once, however often this is imported).
// It imports the package by name, so define.js and index.js share one copy of
// each class, and index.js stays one file: its worker URL is then always beside it.
import { defineElements } from '@pass-check/elements';

defineElements();

export { defineElements, PassScannerElement, PassDisplayElement } from '@pass-check/elements';
