// Every demo page at 320×568, 390×844, 768×1024 and 1280×900: no horizontal
// scroll, every control inside the viewport and hit-testable where it is drawn,
// and no serious or critical axe-core violation; the scanner's verdict screen
// too. Then what a keyboard, a screen reader, reduced motion and 200 % zoom
// need. Screenshots: .cache/screenshots/demo-*.png (not committed).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { watchPage } from '../../stories/tools/chromium.mjs';
import { useDemo, settled } from '../../tools/demo-test-helpers.mjs';
import { axeProblems, layoutProblems, screenshotPath, viewports } from '../../stories/tools/layout-a11y.mjs';

const { demo: demoServer, browser: chromium, origin } = useDemo();

/** The scanner's verdict screen for one sample, as "Scan this" gives it. */
async function showVerdict(page, sampleId) {
  await page.evaluate(() => document.querySelector('pass-scanner').reset());
  await page.click(`button[data-scan="${sampleId}"]`);
  await page.waitForFunction(() => document.querySelector('pass-scanner')?.shadowRoot?.querySelector('[part~="result"]'), { timeout: 20000 });
}

const pages = ['/', '/scanner?camera=off', '/samples', '/box-office'];

describe('demo pages at every size', () => {
  for (const pathname of pages) {
    it(`${pathname}: no horizontal scroll, every control reachable, no serious axe violation`, async () => {
      const page = await chromium().newPage();
      const problems = watchPage(page, origin());
      // The test runs axe-core in the page; the page's own CSP stays as served.
      await page.setBypassCSP(true);
      try {
        for (const viewport of viewports) {
          await page.setViewport(viewport);
          await page.goto(origin() + pathname, { waitUntil: 'load' });
          await settled(page, pathname);
          const at = `${pathname} at ${viewport.width}×${viewport.height}`;
          const found = [...await layoutProblems(page), ...await axeProblems(page)];
          await page.screenshot({ path: screenshotPath(`demo ${pathname}`, viewport), fullPage: true });
          if (pathname.startsWith('/scanner') || pathname === '/box-office') {
            // The verdict screen, rejected (the longest text) and accepted.
            for (const sample of ['shc-revoked', 'shc-valid']) {
              await showVerdict(page, sample);
              found.push(...(await layoutProblems(page)).map((p) => `${sample} verdict: ${p}`));
              found.push(...(await axeProblems(page)).map((p) => `${sample} verdict: ${p}`));
              await page.screenshot({ path: screenshotPath(`demo ${pathname} ${sample}`, viewport), fullPage: true });
            }
          }
          assert.deepEqual(found, [], at);
        }
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }
});

/** The element focused now, looking inside shadow roots. */
function deepFocus(page) {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return { tag: active?.localName, text: active?.textContent.trim() ?? '', scan: active?.dataset?.scan ?? null };
  });
}

describe('scanner page for keyboard, screen reader, reduced motion and zoom', () => {
  it('works by keyboard: Tab to "Scan this", Enter gives a verdict with focus on "next", Enter again returns focus', async () => {
    const page = await chromium().newPage();
    try {
      await page.setViewport({ width: 390, height: 844 });
      await page.goto(`${origin()}/scanner?camera=off`, { waitUntil: 'load' });
      await settled(page, '/scanner');
      let focused;
      for (let presses = 0; presses < 40; presses++) {
        await page.keyboard.press('Tab');
        focused = await deepFocus(page);
        if (focused.scan === 'shc-valid') break;
      }
      assert.equal(focused.scan, 'shc-valid', 'Tab reaches the first "Scan this"');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('pass-scanner').shadowRoot.querySelector('[part~="result"]'), { timeout: 20000 });
      await page.waitForFunction(() => document.querySelector('pass-scanner').shadowRoot.activeElement?.closest('[part~="result"]'), { timeout: 5000 });
      const onResult = await deepFocus(page);
      assert.equal(onResult.tag, 'button');
      // The verdict is announced: a polite live region holds the words, not only the colour.
      const announced = await page.evaluate(() => document.querySelector('pass-scanner').shadowRoot.querySelector('[aria-live]').textContent);
      assert.match(announced, /^Accepted\. /);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !document.querySelector('pass-scanner').shadowRoot.querySelector('[part~="result"]'), { timeout: 5000 });
      const back = await deepFocus(page);
      assert.equal(back.scan, 'shc-valid', 'focus goes back to where it was, ready for the next person');
    } finally {
      await page.close();
    }
  });

  it('says the verdict in words and a symbol, not colour alone', async () => {
    const page = await chromium().newPage();
    try {
      await page.goto(`${origin()}/scanner?camera=off`, { waitUntil: 'load' });
      await settled(page, '/scanner');
      const seen = {};
      for (const sample of ['shc-valid', 'shc-revoked', 'shc-valid']) {
        await showVerdict(page, sample);
        const shown = await page.evaluate(() => {
          const result = document.querySelector('pass-scanner').shadowRoot.querySelector('[part~="result"]');
          return { verdict: result.dataset.verdict, words: result.querySelector('[part~="verdict"]').textContent.trim(), icon: result.querySelector('.icon').textContent.trim() };
        });
        seen[shown.verdict] = shown;
      }
      assert.deepEqual(Object.keys(seen).sort(), ['accepted', 'duplicate', 'rejected']);
      const words = new Set(Object.values(seen).map((s) => s.words));
      const icons = new Set(Object.values(seen).map((s) => s.icon));
      assert.equal(words.size, 3, 'three different words');
      assert.equal(icons.size, 3, 'three different symbols');
    } finally {
      await page.close();
    }
  });

  it('honours prefers-reduced-motion: the verdict appears without animation', async () => {
    const page = await chromium().newPage();
    try {
      await page.goto(`${origin()}/scanner?camera=off`, { waitUntil: 'load' });
      await settled(page, '/scanner');
      const animationOf = () => page.evaluate(() => {
        const result = document.querySelector('pass-scanner').shadowRoot.querySelector('[part~="result"]');
        const style = getComputedStyle(result);
        return { animation: style.animationName, transition: style.transitionDuration };
      });
      await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'no-preference' }]);
      await showVerdict(page, 'shc-revoked');
      assert.notEqual((await animationOf()).animation, 'none', 'animated when motion is fine (the check can fail)');
      await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
      await showVerdict(page, 'shc-expired');
      assert.deepEqual(await animationOf(), { animation: 'none', transition: '0s' });
    } finally {
      await page.close();
    }
  });

  it('keeps the verdict readable at 200 % zoom', async () => {
    const page = await chromium().newPage();
    try {
      // 200 % zoom of a 1280×900 window: 640×450 CSS pixels, each two device pixels.
      const viewport = { width: 640, height: 450, deviceScaleFactor: 2 };
      await page.setViewport(viewport);
      await page.goto(`${origin()}/scanner?camera=off`, { waitUntil: 'load' });
      await settled(page, '/scanner');
      for (const sample of ['shc-revoked', 'shc-valid']) {
        await showVerdict(page, sample);
        const fit = await page.evaluate(() => {
          const scanner = document.querySelector('pass-scanner');
          const result = scanner.shadowRoot.querySelector('[part~="result"]');
          result.scrollIntoView({ block: 'start' });
          const box = result.getBoundingClientRect();
          const out = [];
          for (const part of result.querySelectorAll('[part~="verdict"], .holder, [data-reason], button')) {
            const r = part.getBoundingClientRect();
            if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) out.push(`${part.className || part.localName} outside the verdict screen`);
            if (part.scrollWidth > part.clientWidth + 1) out.push(`${part.className || part.localName} cut off`);
            if (r.right > innerWidth + 1) out.push(`${part.className || part.localName} beyond the window`);
          }
          if (result.scrollHeight > result.clientHeight + 1 && getComputedStyle(result).overflowY !== 'auto') out.push('verdict screen taller than its box and not scrollable');
          return out;
        });
        await page.screenshot({ path: screenshotPath(`demo scanner zoom200 ${sample}`, viewport) });
        assert.deepEqual(fit, [], sample);
        assert.deepEqual(await layoutProblems(page), [], sample);
      }
    } finally {
      await page.close();
    }
  });
});
