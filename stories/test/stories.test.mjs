// Loads every story and docs page of the built Storybook (storybook-static/,
// from `npm run build-storybook`) in Chromium, and fails on a console error,
// an uncaught exception, a request leaving the page's origin, a Storybook
// error screen, or a story that renders nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDirectory } from '../tools/static-server.mjs';
import { hasVisibleContent, launchChromium, watchPage } from '../tools/chromium.mjs';

const staticDir = path.resolve(import.meta.dirname, '../../storybook-static');
const indexFile = path.join(staticDir, 'index.json');
if (!fs.existsSync(indexFile)) {
  throw new Error(`${indexFile} is missing: run \`npm run build-storybook\` first`);
}
const entries = Object.values(JSON.parse(fs.readFileSync(indexFile, 'utf8')).entries);
const stories = entries.filter((entry) => entry.type === 'story');
const docsPages = entries.filter((entry) => entry.type === 'docs');
// Generous: CI machines are small and shared, and a scanner story waits for its decoder to start.
const renderTimeoutMs = 30000;

let server;
let browser;

before(async () => {
  server = await serveDirectory(staticDir);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// The element API the docs pages must show: what the Custom Elements Manifest
// says each element has (its public events, attributes, parts, custom properties).
const manifestFile = path.resolve(import.meta.dirname, '../.generated/custom-elements.json');
const elementApi = new Map();
const elementEvents = new Map();
if (fs.existsSync(manifestFile)) {
  for (const module of JSON.parse(fs.readFileSync(manifestFile, 'utf8')).modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.tagName) continue;
      elementEvents.set(declaration.tagName, (declaration.events ?? []).map((event) => event.name).sort());
      elementApi.set(declaration.tagName, [
        ...(declaration.events ?? []).map((event) => event.name),
        ...(declaration.attributes ?? []).map((attribute) => attribute.name),
        ...(declaration.cssParts ?? []).map((part) => part.name),
        ...(declaration.cssProperties ?? []).map((property) => property.name),
      ]);
    }
  }
}

/** Opens one entry in Storybook's preview iframe; returns what went wrong on the page. */
async function openEntry(entry, viewMode, contentSelector, checkPage = async () => []) {
  const page = await browser.newPage();
  const problems = watchPage(page, server.origin);
  try {
    await page.goto(`${server.origin}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=${viewMode}`, { waitUntil: 'load' });
    // Storybook marks the body once the entry has rendered or failed.
    await page.waitForFunction(
      () => /sb-show-(main|errordisplay|nopreview)/.test(document.body.className),
      { timeout: renderTimeoutMs },
    );
    const errorShown = await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay')
      ? document.querySelector('#error-message')?.textContent ?? 'error display' : '');
    if (errorShown) problems.push(`Storybook error screen: ${errorShown}`);
    // The elements verify asynchronously: give the render until the timeout to paint something.
    const deadline = Date.now() + renderTimeoutMs;
    let painted = await hasVisibleContent(page, contentSelector);
    while (!painted && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      painted = await hasVisibleContent(page, contentSelector);
    }
    if (!painted) problems.push(`nothing visible in ${contentSelector}`);
    problems.push(...await checkPage(page));
    // Let late errors (a rejected promise after the first paint) surface too.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return problems;
  } finally {
    await page.close();
  }
}

describe('Storybook', () => {
  it('has stories to check', () => {
    assert.ok(stories.length > 0, 'index.json lists no stories');
  });

  for (const story of stories) {
    it(`story ${story.title} / ${story.name} renders without errors`, async () => {
      const problems = await openEntry(story, 'story', '#storybook-root');
      assert.deepEqual(problems, []);
    });
  }

  it('has the element manifest the docs pages are built from', () => {
    assert.deepEqual([...elementApi.keys()].sort(), ['pass-display', 'pass-scanner']);
    // Only the events the elements document, none the analyzer guessed from constructor arguments.
    assert.deepEqual(elementEvents.get('pass-scanner'), ['pass-error', 'pass-late-duplicate', 'pass-result', 'pass-trust-refresh']);
    assert.deepEqual(elementEvents.get('pass-display'), ['pass-result']);
  });

  for (const docs of docsPages) {
    const tag = docs.title.split('/').at(-1);
    const expectedNames = elementApi.get(tag) ?? [];
    // An element's docs page lists every public event, attribute, part and custom property.
    const missingFromDocs = async (page) => {
      if (!expectedNames.length) return [];
      // The tables fill in after the first paint: give them the render allowance.
      await page.waitForFunction(
        (names) => names.every((name) => document.querySelector('#storybook-docs')?.innerText.includes(name)),
        { timeout: renderTimeoutMs },
        expectedNames,
      ).catch(() => {});
      const text = await page.$eval('#storybook-docs', (element) => element.innerText);
      return expectedNames.filter((name) => !text.includes(name)).map((name) => `docs page does not mention ${name}`);
    };
    it(`docs ${docs.title} renders without errors${expectedNames.length ? ' and lists the element API' : ''}`, async () => {
      const problems = await openEntry(docs, 'docs', '#storybook-docs', missingFromDocs);
      assert.deepEqual(problems, []);
    });
  }
});
