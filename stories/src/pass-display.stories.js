// <pass-display> for each format and kind, in a wallet, and as printed.
// The passes are signed by test keys made in the page and verified for real.
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fixturesLoader } from './fixtures.js';

const meta = {
  title: 'Elements/pass-display',
  component: 'pass-display',
  loaders: [fixturesLoader],
  args: { wallet: false, lang: 'en', policy: 'ny-2021', trust: '' },
  argTypes: {
    value: { control: false, description: 'The QR text of the pass (set by each story).' },
    bytes: { control: false, description: 'The QR code\'s raw bytes, for a DIVOC pass (a ZIP archive).' },
    trust: { control: 'text', description: 'URL of a TrustBundle JSON. Empty here: the stories use a bundle of demo issuers made in the page.' },
    policy: { control: 'select', options: ['ny-2021', 'vaccinated', 'tested', 'any-valid'] },
    lang: { control: 'text' },
  },
  render: (args, { loaded }) => html`
    <pass-display
      style="max-width: 24rem; display: block"
      lang=${ifDefined(args.lang)}
      trust=${args.trust || loaded.fixtures.trustUrl}
      policy=${ifDefined(args.policy)}
      ?wallet=${args.wallet}
      .value=${args.pick ? args.pick(loaded.fixtures) : ''}
      .bytes=${args.pickBytes ? args.pickBytes(loaded.fixtures) : undefined}
    ></pass-display>`,
};
export default meta;

const pass = (pick, extra = {}) => ({ args: { pick }, ...extra });

export const ShcVaccination = { name: 'SMART Health Card: vaccination', ...pass((f) => f.shc.vaccination) };
export const ShcTestNegative = { name: 'SMART Health Card: negative test', ...pass((f) => f.shc.testNegative) };
export const ShcTestPositive = { name: 'SMART Health Card: positive test', ...pass((f) => f.shc.testPositive) };
export const ShcRevoked = { name: 'SMART Health Card: revoked', ...pass((f) => f.shc.revoked) };
export const ShcTampered = { name: 'SMART Health Card: altered after signing', ...pass((f) => f.shc.tampered) };
export const DccVaccination = { name: 'EU DCC: vaccination', ...pass((f) => f.dcc.vaccination) };
export const DccTest = { name: 'EU DCC: test', ...pass((f) => f.dcc.test) };
export const DccRecovery = { name: 'EU DCC: recovery', ...pass((f) => f.dcc.recovery) };
export const IdhpVaccination = { name: 'IBM Digital Health Pass: vaccination', ...pass((f) => f.idhp.vaccination) };
export const IdhpTest = { name: 'IBM Digital Health Pass: test', ...pass((f) => f.idhp.test) };
export const VdsncVaccination = { name: 'ICAO VDS-NC: vaccination', ...pass((f) => f.vdsnc.vaccination) };
export const VdsncTest = { name: 'ICAO VDS-NC: test', ...pass((f) => f.vdsnc.test) };
export const DivocVaccination = { name: 'DIVOC: vaccination (QR bytes: a ZIP archive)', args: { pickBytes: (f) => f.divoc.vaccination } };

export const Wallet = {
  name: 'Wallet mode',
  parameters: { docs: { description: { story: 'Saved passes (kept in IndexedDB on this device) with import from a file, a photo or pasted text.' } } },
  ...pass((f) => f.shc.vaccination),
  args: { pick: (f) => f.shc.vaccination, wallet: true },
};

/**
 * The element's own `@media print` rules, applied on screen so the paper
 * version can be seen here (the browser's print preview shows the same).
 */
function printRulesOnScreen(display) {
  const styles = [customElements.get('pass-display').styles].flat(Infinity);
  const cssText = styles.map((style) => style.cssText).join('\n').replaceAll('@media print', '@media all');
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(cssText);
  display.shadowRoot.adoptedStyleSheets = [...display.shadowRoot.adoptedStyleSheets, sheet];
}

export const PrintView = {
  name: 'Print view',
  parameters: { docs: { description: { story: 'What a printed pass looks like: black on white, a large code, no buttons.' } } },
  args: { pick: (f) => f.shc.vaccination, wallet: true },
  play: async ({ canvasElement }) => {
    const display = canvasElement.querySelector('pass-display');
    await display.updateComplete;
    printRulesOnScreen(display);
  },
};
