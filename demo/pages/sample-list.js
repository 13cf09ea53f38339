// The list of demo samples with a "Scan this" button each, shared by the
// scanner page (ES modules) and the box-office page (script tag only).
// Text is set with textContent, never as HTML.
import { qrCanvas, pictureFrameSource } from '@pass-check/elements';

/** Loads the demo's samples (made by the server at start-up). */
export async function loadSamples() {
  const response = await fetch('/demo-data/samples.json');
  if (!response.ok) throw new Error(`samples: HTTP ${response.status}`);
  return response.json();
}

export function expectationText(expect) {
  if (expect.verdict === 'accepted') return 'expected: accepted';
  return `expected: rejected (${expect.reason === 'policy' ? 'door policy not met' : expect.reason})`;
}

/**
 * A camera cannot hand over a code before the scanner has started (picked its
 * decoder, fetched the trust bundle), so neither does "Scan this".
 */
export async function scannerStarted(scanner, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (scanner.state === 'starting' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Feeds a sample to the scanner the way a camera would: each QR text in turn
 * (the chunks of a chunked card one by one), through the scanner's own path.
 */
export async function feedSample(scanner, sample) {
  await scannerStarted(scanner);
  scanner.reset();
  for (const text of sample.qr) await scanner.verifyText(text);
}

/**
 * Holds the sample up to a pretend camera: the scanner gets picture frames of
 * its QR code (a chunked card shows its chunks in turn) and decodes them with
 * its real decoder, until the verdict is in.
 */
export async function showToCamera(scanner, sample) {
  await scannerStarted(scanner);
  // A DIVOC code holds a ZIP archive: show the bytes the real code carries.
  const contents = sample.qrBytes ? [Uint8Array.from(atob(sample.qrBytes), (c) => c.charCodeAt(0))] : sample.qr;
  let pictures = await Promise.all(contents.map((content) => qrCanvas(content)));
  // Once the verdict is in, the phone is taken away: blank frames from then on
  // (changing the frame source itself would restart the scanner).
  const takeAway = () => {
    scanner.removeEventListener('pass-result', takeAway);
    pictures = [emptyPicture()];
  };
  scanner.addEventListener('pass-result', takeAway);
  scanner.reset();
  scanner.frameSource = pictureFrameSource(() => pictures[Math.floor(performance.now() / 600) % pictures.length], 8);
}

function emptyPicture() {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 64;
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, 64, 64);
  return canvas;
}

export function renderSampleList(list, samples, onScan, onShow) {
  for (const sample of samples) {
    const item = document.createElement('li');
    item.dataset.sample = sample.id;
    const label = document.createElement('span');
    label.textContent = sample.label;
    const expect = document.createElement('span');
    expect.className = 'expect';
    expect.textContent = expectationText(sample.expect);
    label.append(expect);
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Scan this';
    button.dataset.scan = sample.id;
    button.addEventListener('click', () => onScan(sample));
    const actions = document.createElement('span');
    actions.className = 'actions';
    actions.append(button);
    if (onShow) {
      const show = document.createElement('button');
      show.type = 'button';
      show.className = 'secondary';
      show.textContent = 'Show to camera';
      show.title = 'Frames of its QR code go through the real decoder';
      show.dataset.show = sample.id;
      show.addEventListener('click', () => onShow(sample));
      actions.append(show);
    }
    item.append(label, actions);
    list.append(item);
  }
}

/** One log line per verdict: format, door decision and codes; nothing about the holder. */
export function logResult(log, event) {
  const result = event.detail;
  const accepted = result.policy ? result.policy.decision === 'accept' && result.status === 'valid' : result.status === 'valid';
  // Two rules can fail for the same reason (PCR and antigen: NOT_TEST): each code once.
  const codes = [...new Set([...result.errors.map((error) => error.code), ...(result.policy?.reasons ?? []).filter(() => !accepted).map((reason) => reason.code)])];
  const line = document.createElement('li');
  line.dataset.verdict = accepted ? (event.duplicateOf ? 'duplicate' : 'accepted') : 'rejected';
  line.textContent = `${new Date().toLocaleTimeString()} ${result.format ?? '?'} ${accepted ? (event.duplicateOf ? 'already scanned' : 'accepted') : 'rejected'}${codes.length ? ` ${codes.join(', ')}` : ''}${accepted && result.policy?.rule ? ` (rule ${result.policy.rule})` : ''}`;
  log.prepend(line);
}

export function showMissing(note, missing) {
  if (!missing.length) return;
  note.hidden = false;
  note.textContent = `Not in this build yet: ${missing.join(', ')}. Those samples are left out rather than faked.`;
}
