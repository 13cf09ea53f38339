// What kind of pass a text is, for the wallet's import preview: verifier-core's
// own format detection (by shape; nothing from inside the pass is shown).
import { detectFormat, type PassFormat } from '@pass-check/verifier-core';

const LABELS: Record<PassFormat, string> = {
  shc: 'SMART Health Card',
  dcc: 'EU DCC',
  idhp: 'IBM Digital Health Pass',
  vdsnc: 'ICAO VDS-NC',
  divoc: 'DIVOC',
};

export function formatLabel(text: string): string {
  const format = detectFormat(text);
  return format ? LABELS[format] : 'QR';
}
