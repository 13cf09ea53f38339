// Every story of the built Storybook (storybook-static/) at 320×568, 390×844,
// 768×1024 and 1280×900: no horizontal scroll, every control inside the
// viewport and hit-testable where it is drawn, no serious or critical axe-core
// violation in the story. Screenshots: .cache/screenshots/story-*.png.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDirectory } from '../tools/static-server.mjs';
import { launchChromium } from '../tools/chromium.mjs';
import { axeProblems, layoutProblems, screenshotPath, viewports } from '../tools/layout-a11y.mjs';

const staticDir = path.resolve(import.meta.dirname, '../../storybook-static');
const indexFile = path.join(staticDir, 'index.json');
if (!fs.existsSync(indexFile)) {
  throw new Error(`${indexFile} is missing: run \`npm run build-storybook\` first`);
}
const stories = Object.values(JSON.parse(fs.readFileSync(indexFile, 'utf8')).entries).filter((entry) => entry.type === 'story');
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

/** Loads a story and waits for its play function to finish (Storybook marks the body, then the story's own checks ran). */
async function openStory(page, story) {
  await page.goto(`${server.origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`, { waitUntil: 'load' });
  await page.waitForFunction(() => /sb-show-(main|errordisplay|nopreview)/.test(document.body.className), { timeout: renderTimeoutMs });
  // The elements render and verify asynchronously: wait until each has drawn its shadow content and is not starting.
  await page.waitForFunction(() => {
    const elements = [...document.querySelectorAll('#storybook-root pass-scanner, #storybook-root pass-display')];
    return elements.every((element) => element.shadowRoot?.childElementCount > 0 && element.getAttribute('state') !== 'starting' && element.getAttribute('state') !== 'verifying');
  }, { timeout: renderTimeoutMs });
  await new Promise((resolve) => setTimeout(resolve, 300));
}

describe('Storybook stories at every size', () => {
  it('has stories to check', () => assert.ok(stories.length > 0));

  it("hides Storybook's own onboarding checklist from readers", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.origin}/index.html`, { waitUntil: 'load' });
      const features = await page.evaluate(() => window.FEATURES);
      assert.equal(features.sidebarOnboardingChecklist, false);
      assert.equal(features.menuOnboardingChecklist, false);
    } finally {
      await page.close();
    }
  });

  for (const story of stories) {
    it(`${story.title} / ${story.name}: no horizontal scroll, every control reachable, no serious axe violation`, async () => {
      const page = await browser.newPage();
      try {
        // Loaded (and played) once at the smallest size, then resized: the layout must follow the screen.
        await page.setViewport(viewports[0]);
        await openStory(page, story);
        for (const viewport of viewports) {
          await page.setViewport(viewport);
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          const found = [...await layoutProblems(page), ...await axeProblems(page, '#storybook-root')];
          await page.screenshot({ path: screenshotPath(`story ${story.id}`, viewport), fullPage: true });
          assert.deepEqual(found, [], `${story.id} at ${viewport.width}×${viewport.height}`);
        }
      } finally {
        await page.close();
      }
    });
  }
});
