// Layout and accessibility checks shared by the demo and Storybook tests, run
// in Debian's Chromium through puppeteer-core:
// - every page at a phone, a large phone, a tablet and a desktop size: no
//   horizontal scroll, every control inside the viewport's width and
//   hit-testable where it is drawn (a tap there reaches it, not something on top);
// - axe-core on the page: no serious or critical violation.
// Screenshots go to .cache/screenshots/ (gitignored): test artefacts, not committed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const viewports = [
  { width: 320, height: 568 },
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 900 },
];

export const screenshotDir = path.resolve(import.meta.dirname, '../../.cache/screenshots');

/** A file name for a screenshot of `name` at `viewport`. */
export function screenshotPath(name, viewport) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  return path.join(screenshotDir, `${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}-${viewport.width}x${viewport.height}.png`);
}

/**
 * What is wrong with the page's layout at its current viewport: horizontal
 * scroll, and controls (buttons, links, inputs, anything focusable, in open
 * shadow roots too) outside the viewport's width or covered where they are
 * drawn. Each control is scrolled into view and tapped at its centre by
 * elementFromPoint, searching down through shadow roots.
 */
export async function layoutProblems(page) {
  return page.evaluate(async () => {
    const problems = [];
    const width = document.documentElement.clientWidth;
    const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body?.scrollWidth ?? 0);
    if (scrollWidth > width + 1) problems.push(`horizontal scroll: content ${scrollWidth} px wide in a ${width} px viewport`);

    const selector = 'a[href], button, input, select, textarea, summary, label.file-button, [role=button], [tabindex]:not([tabindex="-1"])';
    const controls = [];
    const visit = (root) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.matches(selector)) controls.push(element);
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    const describe = (element) => {
      const text = (element.getAttribute('aria-label') || element.textContent || element.getAttribute('name') || '').replace(/\s+/g, ' ').trim().slice(0, 40);
      const host = element.getRootNode()?.host;
      return `${host ? `${host.localName} > ` : ''}${element.localName}${text ? ` "${text}"` : ''}`;
    };
    /** The element drawn at (x, y), looking inside shadow roots. */
    const deepHit = (x, y) => {
      let hit = document.elementFromPoint(x, y);
      while (hit?.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      return hit;
    };
    /** Whether `node` is `target` or inside it (across shadow boundaries), or a label for it. */
    const reaches = (node, target) => {
      for (let n = node; n; n = n.parentNode ?? n.host) {
        if (n === target) return true;
      }
      // A transparent file input laid over its label: a tap on either opens the picker.
      if (target.localName === 'label' && node?.closest?.('label') === target) return true;
      if (target.localName === 'input' && node?.localName === 'label' && node.contains(target)) return true;
      return false;
    };
    for (const element of controls) {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      // Not drawn: nothing to tap. (Visually hidden inputs behind a label are checked through the label.)
      if (box.width < 2 || box.height < 2 || style.visibility === 'hidden' || style.display === 'none') continue;
      if (style.opacity === '0' && element.closest('label')) continue;
      // Scrolled into view vertically only: a control that needs a sideways scroll to be seen is a fault.
      element.scrollIntoView({ block: 'center', inline: 'nearest' });
      window.scrollTo(0, window.scrollY);
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const r = element.getBoundingClientRect();
      // A link broken over two lines: tap its first line, not the gap between them.
      const first = element.getClientRects()[0] ?? r;
      if (r.left < -1 || r.right > width + 1) {
        problems.push(`${describe(element)} outside the viewport: ${Math.round(r.left)}–${Math.round(r.right)} of ${width} px`);
        continue;
      }
      // A button stretched far beyond its words (a grid row's height, say) is drawn wrong.
      if (element.localName === 'button' && element.textContent.trim()) {
        const words = document.createRange();
        words.selectNodeContents(element);
        const textHeight = words.getBoundingClientRect().height;
        if (r.height > textHeight + 48) problems.push(`${describe(element)} stretched to ${Math.round(r.height)} px for ${Math.round(textHeight)} px of text`);
      }
      const x = Math.min(Math.max(first.left + first.width / 2, 0), width - 1);
      const y = Math.min(Math.max(first.top + first.height / 2, 0), window.innerHeight - 1);
      const hit = deepHit(x, y);
      if (!reaches(hit, element)) problems.push(`${describe(element)} is covered at its centre by ${hit ? describe(hit) : 'nothing'}`);
    }
    window.scrollTo(0, 0);
    return problems;
  });
}

/**
 * Runs axe-core in the page (through the page's CSP: the test bypasses it, the
 * page itself is unchanged) and returns its serious and critical violations,
 * one line each. `context` narrows it (a selector), as axe.run takes it.
 */
export async function axeProblems(page, context = undefined) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (include) => {
    const result = await window.axe.run(include ? { include: [include] } : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  }, context);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `axe ${v.impact} ${v.id}: ${v.help} (${v.targets.join(', ')})`);
}
