// Debian's Chromium driven by puppeteer-core: no browser download, no network.
import puppeteer from 'puppeteer-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox', '--headless=new', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launchChromium() {
  return puppeteer.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/**
 * Collects what would make a page fail a smoke test: console errors, uncaught
 * exceptions, and any request that leaves `allowedOrigin` (the pages must work
 * offline, so a request elsewhere is a bug even when it would fail anyway).
 */
export function watchPage(page, allowedOrigin) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(allowedOrigin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`request outside ${allowedOrigin}: ${url}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  return problems;
}

/**
 * Whether anything under `selector` is painted: visible text, an image, a
 * canvas or an svg with a non-empty box, searching open shadow roots too (the
 * elements render there). Runs in the page.
 */
export function hasVisibleContent(page, selector) {
  return page.evaluate((rootSelector) => {
    const root = document.querySelector(rootSelector);
    if (!root) return false;
    const visible = (rect) => rect.width > 0 && rect.height > 0;
    const stack = [root];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.textContent.trim() === '') continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        if (visible(range.getBoundingClientRect())) return true;
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) continue;
      if (node.nodeType === Node.ELEMENT_NODE) {
        const style = getComputedStyle(node);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        if (/^(IMG|CANVAS|SVG|VIDEO)$/i.test(node.tagName) && visible(node.getBoundingClientRect())) return true;
        if (node.shadowRoot) stack.push(node.shadowRoot);
        if (node.tagName === 'SLOT') stack.push(...node.assignedNodes({ flatten: true }));
      }
      stack.push(...node.childNodes);
    }
    return false;
  }, selector);
}
