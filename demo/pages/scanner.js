// The scanner page: <pass-scanner> from the npm packages (through the import
// map), the demo samples beside it, and a "scan this" button per sample.
import '@pass-check/elements/define';
import { feedSample, loadSamples, logResult, renderSampleList, showMissing, showToCamera } from './sample-list.js';

const scanner = document.getElementById('scanner');
const log = document.getElementById('log');

// ?camera=off keeps the camera closed (kiosk screens, headless tests).
if (new URLSearchParams(location.search).get('camera') === 'off') scanner.setAttribute('camera', 'off');

scanner.addEventListener('pass-result', (event) => logResult(log, event));

const { samples, missing } = await loadSamples();
showMissing(document.getElementById('missing'), missing);
renderSampleList(document.getElementById('samples'), samples, (sample) => feedSample(scanner, sample), (sample) => showToCamera(scanner, sample));

// "Scan this" pressed on the sample-pass page in another tab of this browser.
new BroadcastChannel('pass-check-demo').addEventListener('message', (event) => {
  const sample = samples.find((candidate) => candidate.id === event.data?.scan);
  if (sample) void feedSample(scanner, sample);
});
