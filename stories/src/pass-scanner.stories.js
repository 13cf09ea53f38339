// Every state of <pass-scanner>, without a camera: the stories keep the camera
// off and drive the element through its public methods (verifyText, showError,
// a picture frame source), with passes from the test kit and their issuers in the `trust` bundle.
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { qrCanvas, pictureFrameSource } from '@pass-check/elements';
import { fixturesLoader } from './fixtures.js';

/** Waits for the scanner to finish starting (decoder chosen), as a camera scan would. */
async function started(scanner) {
  await scanner.updateComplete;
  for (let waited = 0; scanner.state === 'starting' && waited < 20000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const scannerOf = (canvasElement) => canvasElement.querySelector('pass-scanner');

/**
 * Fails the story (Storybook shows its error screen, the smoke test fails)
 * when the scanner does not show what the story is about.
 */
async function expectShown(scanner, { state, verdict, errorCode }) {
  await scanner.updateComplete;
  const problems = [];
  if (state && scanner.state !== state) problems.push(`state ${scanner.state}, expected ${state}`);
  const shownVerdict = scanner.shadowRoot.querySelector('[part~="result"]')?.getAttribute('data-verdict');
  if (verdict && shownVerdict !== verdict) problems.push(`verdict ${shownVerdict}, expected ${verdict}`);
  const shownError = scanner.shadowRoot.querySelector('[part~="error"]')?.getAttribute('data-code');
  if (errorCode && shownError !== errorCode) problems.push(`error screen ${shownError}, expected ${errorCode}`);
  if (problems.length) throw new Error(`pass-scanner story: ${problems.join('; ')}`);
}

/** Scans each text in turn, the way the camera hands them over, then checks what is shown. */
const scanning = (pick, expected) => async ({ canvasElement, loaded }) => {
  const scanner = scannerOf(canvasElement);
  await started(scanner);
  for (const text of [pick(loaded.fixtures)].flat()) await scanner.verifyText(text);
  await expectShown(scanner, expected);
};

const accepted = { state: 'result', verdict: 'accepted' };
const rejected = { state: 'result', verdict: 'rejected' };

const meta = {
  title: 'Elements/pass-scanner',
  component: 'pass-scanner',
  loaders: [fixturesLoader],
  args: {
    trust: '',
    policy: 'ny-2021',
    lang: 'en',
    camera: 'off',
    'reset-after': 0,
    'duplicate-window': 300,
    counters: false,
    sound: false,
    vibrate: false,
  },
  argTypes: {
    trust: { control: 'text', description: 'URL of a TrustBundle JSON. Empty here: the stories use a bundle of demo issuers made in the page.' },
    policy: { control: 'select', options: ['ny-2021', 'vaccinated', 'tested', 'any-valid'] },
    lang: { control: 'text', description: 'Language of the words on screen and of the verdict reasons.' },
    camera: { control: 'inline-radio', options: ['on', 'off'] },
    'reset-after': { control: { type: 'number', min: 0 } },
    'duplicate-window': { control: { type: 'number', min: 0 } },
  },
  parameters: {
    docs: {
      description: {
        component: 'The stories keep the camera off (`camera="off"`) and feed the scanner through `verifyText()`, '
          + '`showError()` or a `frameSource`. The passes are signed by test keys made in the page, the `trust` bundle '
          + 'holds those issuers (as a blob URL), and the verdicts are the verifier\'s: change `policy` or `lang` and scan again.',
      },
    },
  },
  render: (args, { loaded }) => html`
    <pass-scanner
      style="max-width: 28rem"
      trust=${args.trust || loaded.fixtures.trustUrl}
      policy=${ifDefined(args.policy)}
      lang=${ifDefined(args.lang)}
      camera=${ifDefined(args.camera)}
      reset-after=${args['reset-after']}
      duplicate-window=${args['duplicate-window']}
      ?counters=${args.counters}
      ?sound=${args.sound}
      ?vibrate=${args.vibrate}
    ></pass-scanner>`,
};
export default meta;

export const Idle = {
  parameters: { docs: { description: { story: 'Camera off and nothing scanned yet: only the upload and paste fallbacks.' } } },
};

/** A blank grey picture: the scan loop runs, the decoder finds nothing. */
function emptyFrame() {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const context = canvas.getContext('2d');
  context.fillStyle = '#8a8f98';
  context.fillRect(0, 0, canvas.width, canvas.height);
  return canvas;
}

export const Scanning = {
  parameters: { docs: { description: { story: 'Frames coming in (a fake frame source instead of the camera), no code in view yet.' } } },
  render: (args, context) => {
    const template = meta.render(args, context);
    queueMicrotask(() => {
      const scanner = scannerOf(context.canvasElement);
      if (scanner) scanner.frameSource = pictureFrameSource(emptyFrame, 5);
    });
    return template;
  },
  play: async ({ canvasElement }) => {
    const scanner = scannerOf(canvasElement);
    await started(scanner);
    await expectShown(scanner, { state: 'scanning' });
  },
};

export const ScanningAPicture = {
  name: 'Scanning a picture of a pass',
  parameters: { docs: { description: { story: 'A fake camera shows a valid pass: the frames go through the real QR decoder, then the verifier.' } } },
  play: async ({ canvasElement, loaded }) => {
    const scanner = scannerOf(canvasElement);
    const picture = await qrCanvas(loaded.fixtures.shc.vaccination);
    scanner.frameSource = pictureFrameSource(() => picture, 5);
    for (let waited = 0; scanner.state !== 'result' && waited < 20000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await expectShown(scanner, accepted);
  },
};

export const ScanningADivocQr = {
  name: 'Scanning a DIVOC QR (a ZIP archive)',
  parameters: { docs: { description: { story: 'A DIVOC code holds a ZIP archive, not text: the scanner hands the code\'s raw bytes to the verifier.' } } },
  play: async ({ canvasElement, loaded }) => {
    const scanner = scannerOf(canvasElement);
    const picture = await qrCanvas(loaded.fixtures.divoc.vaccination);
    scanner.frameSource = pictureFrameSource(() => picture, 5);
    for (let waited = 0; scanner.state !== 'result' && waited < 30000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await expectShown(scanner, accepted);
  },
};

export const Accepted = { play: scanning((f) => f.shc.vaccination, accepted) };
export const AcceptedNegativeTest = { name: 'Accepted (negative test)', play: scanning((f) => f.shc.testNegative, accepted) };
export const AcceptedEuDcc = { name: 'Accepted (EU DCC)', play: scanning((f) => f.dcc.vaccination, accepted) };
export const AcceptedIbmPass = { name: 'Accepted (IBM Digital Health Pass)', play: scanning((f) => f.idhp.vaccination, accepted) };
export const AcceptedVdsnc = { name: 'Accepted (ICAO VDS-NC seal)', play: scanning((f) => f.vdsnc.vaccination, accepted) };
export const RejectedBadSignature = { name: 'Rejected: bad signature', play: scanning((f) => f.shc.tampered, rejected) };
export const RejectedUnknownIssuer = { name: 'Rejected: unknown issuer', play: scanning((f) => f.shc.unknownIssuer, rejected) };
export const RejectedExpired = { name: 'Rejected: expired', play: scanning((f) => f.shc.expired, rejected) };
export const RejectedRevoked = { name: 'Rejected: revoked', play: scanning((f) => f.shc.revoked, rejected) };
export const RejectedNotYetValid = { name: 'Rejected: not yet valid', play: scanning((f) => f.shc.notYetValid, rejected) };
export const RejectedPolicyNotMet = {
  name: 'Rejected: policy not met',
  parameters: { docs: { description: { story: 'Authentic and in date, but a positive test does not meet the door policy.' } } },
  play: scanning((f) => f.shc.testPositive, rejected),
};

export const DuplicateScan = {
  name: 'Duplicate scan',
  parameters: { docs: { description: { story: 'The same pass again within `duplicate-window` seconds.' } } },
  play: async ({ canvasElement, loaded }) => {
    const scanner = scannerOf(canvasElement);
    await started(scanner);
    await scanner.verifyText(loaded.fixtures.shc.vaccination);
    scanner.reset();
    await scanner.verifyText(loaded.fixtures.shc.vaccination);
    await expectShown(scanner, { state: 'result', verdict: 'duplicate' });
  },
};

export const IncompleteChunks = {
  name: 'Incomplete chunks',
  parameters: { docs: { description: { story: 'One chunk of a three-chunk (legacy) SMART Health Card: waiting for the rest.' } } },
  play: scanning((f) => f.shc.chunks[0], { state: 'collecting' }),
};

export const ChunksComplete = {
  name: 'Chunks complete (any order)',
  play: scanning((f) => [f.shc.chunks[2], f.shc.chunks[0], f.shc.chunks[1]], accepted),
};

export const CameraDenied = {
  name: 'Camera denied',
  play: async ({ canvasElement }) => {
    const scanner = scannerOf(canvasElement);
    await started(scanner);
    scanner.showError('PERMISSION_DENIED');
    await expectShown(scanner, { state: 'error', errorCode: 'PERMISSION_DENIED' });
  },
};

export const NoCamera = {
  name: 'No camera',
  play: async ({ canvasElement }) => {
    const scanner = scannerOf(canvasElement);
    await started(scanner);
    scanner.showError('NO_CAMERA');
    await expectShown(scanner, { state: 'error', errorCode: 'NO_CAMERA' });
  },
};

export const UploadFallback = {
  name: 'Upload fallback',
  parameters: { docs: { description: { story: 'Without a camera, a photo or a `.smart-health-card` file can be opened, or the QR text pasted.' } } },
  play: async ({ canvasElement }) => {
    const scanner = scannerOf(canvasElement);
    await started(scanner);
    const pasteButton = [...scanner.shadowRoot.querySelectorAll('[part~="fallbacks"] button')].at(-1);
    pasteButton?.click();
    await scanner.updateComplete;
    if (!scanner.shadowRoot.querySelector('textarea')) throw new Error('pass-scanner story: the paste box did not open');
  },
};

export const Counters = {
  args: { counters: true },
  play: async ({ canvasElement, loaded }) => {
    const scanner = scannerOf(canvasElement);
    await started(scanner);
    for (const text of [loaded.fixtures.shc.vaccination, loaded.fixtures.shc.revoked, loaded.fixtures.dcc.vaccination]) {
      scanner.reset();
      await scanner.verifyText(text);
    }
    await scanner.updateComplete;
    // The first pass again: "already scanned", counted on its own, not as a second admission.
    scanner.reset();
    await scanner.verifyText(loaded.fixtures.shc.vaccination);
    await scanner.updateComplete;
    const counts = [...scanner.shadowRoot.querySelectorAll('[data-count]')].map((count) => count.textContent.trim());
    if (counts.join(',') !== '2,1,1') throw new Error(`pass-scanner story: counters show ${counts}, expected 2 accepted, 1 rejected, 1 already scanned`);
  },
};

export const UnsupportedLanguage = {
  name: 'Language not supported: German falls back to English',
  args: { lang: 'de' },
  parameters: {
    docs: {
      description: {
        story: 'German is not one of the eleven languages: `lang="de"` shows the English screen and reasons, '
          + 'as any language without a translation does. The story checks that it says "Rejected", not a made-up translation.',
      },
    },
  },
  play: async (context) => {
    await scanning((f) => f.shc.expired, rejected)(context);
    const verdict = scannerOf(context.canvasElement).shadowRoot.querySelector('[part~="verdict"]')?.textContent.trim();
    if (verdict !== 'Rejected') throw new Error(`pass-scanner story: lang="de" shows "${verdict}", expected the English fallback "Rejected"`);
  },
};
