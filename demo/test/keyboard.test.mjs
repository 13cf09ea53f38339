// Every control of every demo page by keyboard, in Chromium with real key
// presses: Tab (going into the elements' shadow roots) reaches each visible
// control, every control reached is one the keyboard can work (a link, a
// button, a form field: Enter and Space are the browser's own), and a sample
// scanned by Space gives a verdict with focus on "next", by Enter a link opens.
// The scanner page's Enter flow is in layout-a11y.test.mjs; the elements' own
// controls one by one in packages/elements/test/keyboard.chromium().test.js.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useDemo, settled } from '../../tools/demo-test-helpers.mjs';

const { demo: demoServer, browser: chromium, origin } = useDemo();

/** Numbers every visible control of the page, shadow roots included (as a JS property, not an attribute); returns their descriptions. */
const numberControls = () => {
  const controls = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
      const control = el.matches('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])');
      if (!control || el.disabled || el.closest('[hidden], [inert]')) continue;
      const style = getComputedStyle(el);
      if (!el.getClientRects().length || style.visibility === 'hidden' || style.display === 'none') continue;
      el.__control = controls.length;
      controls.push(`${el.getRootNode().host?.localName ?? 'page'} ${el.localName}${el.type ? `[${el.type}]` : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`);
    }
  };
  visit(document);
  return controls;
};

/** What has focus: its number from numberControls, and whether the keyboard can work it by itself. */
const focusedControl = () => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (!active || active === document.body) return null;
  const native = active.matches('a[href], button, input, select, textarea, summary');
  return { index: active.__control ?? -1, native, what: `${active.localName} "${active.textContent.trim().slice(0, 30)}"` };
};

const pages = ['/', '/scanner?camera=off', '/samples', '/box-office'];

describe('demo pages by keyboard', () => {
  for (const pathname of pages) {
    it(`${pathname}: Tab reaches every control, and each one reached works by Enter and Space`, async () => {
      const page = await chromium().newPage();
      try {
        await page.setViewport({ width: 1280, height: 900 });
        await page.goto(origin() + pathname, { waitUntil: 'load' });
        await settled(page, pathname);
        const controls = await page.evaluate(numberControls);
        assert.ok(controls.length > 3, controls.join('\n'));
        // The elements' own controls count too (Tab goes into their shadow roots).
        if (pathname !== '/' && pathname !== '/samples') assert.ok(controls.some((c) => c.startsWith('pass-scanner input[file]')), controls.join('\n'));
        const reached = new Set();
        const notNative = [];
        for (let presses = 0; presses < controls.length * 2 + 10; presses++) {
          await page.keyboard.press('Tab');
          const now = await page.evaluate(focusedControl);
          if (!now) continue;
          if (reached.has(now.index)) break; // round again
          reached.add(now.index);
          if (!now.native) notNative.push(now.what);
        }
        const missed = controls.filter((_, i) => !reached.has(i));
        assert.deepEqual(missed, [], `controls Tab never reaches on ${pathname}`);
        assert.deepEqual(notNative, [], 'every focusable control is a native one (Enter/Space work)');
      } finally {
        await page.close();
      }
    });
  }

  it('/box-office: "Scan this" by Space gives a verdict with focus on "next"; Space again, and focus is back on "Scan this"', async () => {
    const page = await chromium().newPage();
    try {
      await page.goto(`${origin()}/box-office`, { waitUntil: 'load' });
      await settled(page, '/box-office');
      await page.focus('button[data-scan]');
      const first = await page.evaluate(() => document.activeElement.dataset.scan);
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.querySelector('pass-scanner').shadowRoot.activeElement?.closest('[part~="result"]'), { timeout: 20000 });
      await page.keyboard.press('Space');
      await page.waitForFunction(() => !document.querySelector('pass-scanner').shadowRoot.querySelector('[part~="result"]'), { timeout: 5000 });
      assert.equal(await page.evaluate(() => document.activeElement?.dataset?.scan), first);
    } finally {
      await page.close();
    }
  });

  it('/: a link opened by Enter', async () => {
    const page = await chromium().newPage();
    try {
      await page.goto(`${origin()}/`, { waitUntil: 'load' });
      await page.focus('main a[href="/samples"]');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      assert.equal(new URL(page.url()).pathname, '/samples');
    } finally {
      await page.close();
    }
  });
});
