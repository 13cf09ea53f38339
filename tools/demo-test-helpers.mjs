// What the demo's browser tests share: one demo server and one Chromium per test
// file (started before, closed after), and the wait for a page to show what it
// is about.
import { after, before } from 'node:test';
import { startDemoServer } from './demo-server.mjs';
import { launchChromium } from '../stories/tools/chromium.mjs';

/**
 * Starts the demo server (any free port, loopback) and Chromium for this test file.
 * Returns getters: `demo()`, `browser()`, and `origin()` (the demo's URL without
 * its trailing slash).
 */
export function useDemo() {
  let demo;
  let browser;
  before(async () => {
    demo = await startDemoServer({ port: 0, log: () => {} });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });
  return { demo: () => demo, browser: () => browser, origin: () => demo.url.replace(/\/$/, '') };
}

/** Waits until the page has what it is about: its elements rendered, its sample buttons listed. */
export async function settled(page, pathname) {
  if (pathname.startsWith('/scanner') || pathname === '/box-office') {
    await page.waitForSelector('button[data-scan]', { timeout: 30000 });
    await page.waitForFunction(() => document.querySelector('pass-scanner')?.shadowRoot?.querySelector('[part~="fallbacks"]'), { timeout: 30000 });
  }
  if (pathname === '/samples') {
    await page.waitForFunction(() => {
      const displays = [...document.querySelectorAll('pass-display')];
      return displays.length > 0 && displays.every((display) => display.shadowRoot?.querySelector('[part~="qr"] svg'));
    }, { timeout: 30000 });
  }
}
