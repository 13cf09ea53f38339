// Turns what a holder imports (a .smart-health-card file, a bare JWS, pasted
// QR text) into QR text that can be shown as a code again.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** SMART Health Cards' numeric QR encoding: each character as two digits (code − 45). */
export function jwsToShcText(jws: string): string {
  let digits = '';
  for (let i = 0; i < jws.length; i++) digits += String(jws.charCodeAt(i) - 45).padStart(2, '0');
  return `shc:/${digits}`;
}

/** The QR texts in an imported file or pasted text (a .smart-health-card file may hold several). */
export function passTextsFrom(input: string): string[] {
  const text = input.trim();
  if (COMPACT_JWS.test(text)) return [jwsToShcText(text)];
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as { verifiableCredential?: unknown };
      if (Array.isArray(parsed.verifiableCredential)) {
        const credentials = parsed.verifiableCredential.filter((c): c is string => typeof c === 'string' && COMPACT_JWS.test(c));
        if (credentials.length) return credentials.map(jwsToShcText);
      }
    } catch {
      // Not JSON after all: let the verifier say what it is.
    }
  }
  return text ? [text] : [];
}
