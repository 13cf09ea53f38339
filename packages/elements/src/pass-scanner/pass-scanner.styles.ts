import { css } from 'lit';

// Colours are chosen for at least 4.5:1 contrast with the text drawn on them
// (white on the accept/reject colours, near-black on the duplicate amber).
export const passScannerStyles = css`
  :host {
    --pass-scanner-accept-color: #0b6b2f;
    --pass-scanner-reject-color: #b3001b;
    --pass-scanner-duplicate-color: #ffc83d;
    --pass-scanner-on-accept-color: #ffffff;
    --pass-scanner-on-reject-color: #ffffff;
    --pass-scanner-on-duplicate-color: #1b1b1b;
    --pass-scanner-background: #111418;
    --pass-scanner-foreground: #ffffff;
    --pass-scanner-muted-color: #d0d4da;
    --pass-scanner-focus-color: #7cc4ff;
    --pass-scanner-radius: 12px;
    --pass-scanner-aspect-ratio: 3 / 4;
    --pass-scanner-font: system-ui, sans-serif;
    display: block;
    position: relative;
    font-family: var(--pass-scanner-font);
    color: var(--pass-scanner-foreground);
    background: var(--pass-scanner-background);
    border-radius: var(--pass-scanner-radius);
    overflow: hidden;
    container-type: inline-size;
  }
  [hidden] { display: none !important; }
  .base { position: relative; aspect-ratio: var(--pass-scanner-aspect-ratio); min-height: 18rem; }
  video { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; background: #000; }
  .viewfinder {
    position: absolute; inset: 18%; border: 3px solid rgba(255, 255, 255, 0.85);
    border-radius: 8px; box-shadow: 0 0 0 100vmax rgba(0, 0, 0, 0.35); pointer-events: none;
  }
  :host([state='collecting']) .viewfinder { border-color: var(--pass-scanner-duplicate-color); }
  .status {
    position: absolute; left: 0; right: 0; bottom: 0; padding: 0.75rem 1rem;
    background: rgba(0, 0, 0, 0.78); font-size: 1.05rem; text-align: center;
  }
  .engine { display: block; font-size: 0.8rem; color: var(--pass-scanner-muted-color); margin-top: 0.25rem; }
  .controls { position: absolute; top: 0.5rem; right: 0.5rem; display: flex; gap: 0.5rem; flex-wrap: wrap; justify-content: flex-end; }
  button, .file-button {
    font: inherit; font-size: 0.95rem; color: #ffffff; background: rgba(0, 0, 0, 0.78);
    border: 1px solid #ffffff; border-radius: 999px; padding: 0.45rem 0.9rem; cursor: pointer; min-height: 44px;
  }
  button[aria-pressed='true'] { background: #ffffff; color: #111418; }
  button:focus-visible, .file-button:focus-within, input:focus-visible, textarea:focus-visible {
    outline: 3px solid var(--pass-scanner-focus-color); outline-offset: 2px;
  }
  .zoom { display: flex; align-items: center; gap: 0.4rem; background: rgba(0, 0, 0, 0.78); border-radius: 999px; padding: 0 0.75rem; }
  .fallbacks { display: flex; gap: 0.5rem; flex-wrap: wrap; padding: 0.75rem; background: var(--pass-scanner-background); }
  .file-button { position: relative; display: inline-flex; align-items: center; }
  .file-button input { position: absolute; inset: 0; opacity: 0; cursor: pointer; }
  .paste { display: grid; gap: 0.5rem; padding: 0 0.75rem 0.75rem; }
  .paste textarea { font: 0.9rem ui-monospace, monospace; min-height: 5rem; width: 100%; box-sizing: border-box; }
  .result, .error {
    position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center; justify-content: center;
    gap: 0.6rem; padding: 1.5rem; text-align: center; box-sizing: border-box; cursor: pointer;
  }
  .result[data-verdict='accepted'] { background: var(--pass-scanner-accept-color); color: var(--pass-scanner-on-accept-color); }
  .result[data-verdict='rejected'] { background: var(--pass-scanner-reject-color); color: var(--pass-scanner-on-reject-color); }
  .result[data-verdict='duplicate'] { background: var(--pass-scanner-duplicate-color); color: var(--pass-scanner-on-duplicate-color); }
  .result button { color: inherit; background: transparent; border-color: currentColor; }
  .icon { font-size: clamp(4rem, 22cqi, 9rem); line-height: 1; font-weight: 700; }
  .verdict { font-size: clamp(2rem, 11cqi, 4rem); font-weight: 800; letter-spacing: 0.02em; margin: 0; }
  .holder { font-size: clamp(1.3rem, 6cqi, 2rem); font-weight: 700; margin: 0; overflow-wrap: anywhere; }
  /* Whatever a pass says, the icon, the verdict and the next-pass button stay on screen: the pass's own
     text shrinks and clamps, they do not. */
  .result > .icon, .result > .verdict, .result > button { flex-shrink: 0; }
  .result > .icon { font-size: clamp(3rem, 18cqi, 9rem); }
  .result > :not(.icon):not(.verdict):not(button) { min-height: 0; max-width: 100%; overflow: hidden; flex-shrink: 1; }
  .holder-block .holder, .reasons {
    display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; line-clamp: 2; overflow: hidden;
  }
  .reasons { -webkit-line-clamp: 3; line-clamp: 3; }
  bdi { unicode-bidi: isolate; }
  .detail { font-size: 1.05rem; margin: 0; }
  .error { background: #2b2f36; cursor: default; }
  .trust-banner { margin: 0 0 0.5rem; padding: 0.5rem 0.75rem; border-radius: var(--pass-scanner-radius, 0.5rem); background: #fff4c2; color: #3d3000; font-size: 0.95rem; }
  .counters { display: flex; gap: 1rem; justify-content: center; padding: 0.5rem; font-size: 0.95rem; }
  .gate-status { margin: 0; padding: 0.5rem; text-align: center; font-weight: 700; background: #7a4b00; color: #fff; }
  .notice { display: flex; gap: 0.75rem; align-items: center; justify-content: space-between; padding: 0.5rem; background: #5c1010; color: #fff; font-weight: 600; }
  .notice button { color: inherit; background: transparent; border-color: currentColor; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @media (prefers-reduced-motion: no-preference) {
    .result { animation: appear 120ms ease-out; }
    @keyframes appear { from { opacity: 0.4; transform: scale(0.98); } to { opacity: 1; transform: none; } }
  }
`;
