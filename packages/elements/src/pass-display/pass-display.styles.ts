import { css } from 'lit';

export const passDisplayStyles = css`
  :host {
    --pass-display-accent-color: #0b6b2f;
    --pass-display-reject-color: #b3001b;
    --pass-display-pending-color: #5a6270;
    --pass-display-background: #ffffff;
    --pass-display-foreground: #14171c;
    --pass-display-muted-color: #4a515c;
    --pass-display-focus-color: #005fcc;
    --pass-display-radius: 12px;
    --pass-display-font: system-ui, sans-serif;
    display: block;
    font-family: var(--pass-display-font);
    color: var(--pass-display-foreground);
  }
  [hidden] { display: none !important; }
  .card {
    background: var(--pass-display-background); border: 1px solid #c9ced6; border-radius: var(--pass-display-radius);
    padding: 1rem; display: grid; gap: 0.75rem; max-width: 28rem;
  }
  .badge {
    display: inline-flex; align-items: center; gap: 0.4rem; justify-self: start; font-weight: 700;
    padding: 0.3rem 0.8rem; border-radius: 999px; color: #ffffff; background: var(--pass-display-pending-color);
  }
  .badge[data-verdict='accepted'] { background: var(--pass-display-accent-color); }
  .badge[data-verdict='rejected'] { background: var(--pass-display-reject-color); }
  .holder {
    font-size: 1.4rem; font-weight: 700; margin: 0; overflow-wrap: anywhere;
    display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; line-clamp: 3; overflow: hidden;
  }
  bdi { unicode-bidi: isolate; }
  .detail { margin: 0; color: var(--pass-display-muted-color); }
  .qr { width: 100%; max-width: 20rem; justify-self: center; background: #ffffff; }
  .qr svg { display: block; width: 100%; height: auto; shape-rendering: crispEdges; }
  .actions, .wallet-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  button, .file-button {
    font: inherit; color: var(--pass-display-foreground); background: #ffffff; border: 1px solid #6b7380;
    border-radius: 8px; padding: 0.4rem 0.8rem; cursor: pointer; min-height: 44px; position: relative;
  }
  .file-button { display: inline-flex; align-items: center; }
  .file-button input { position: absolute; inset: 0; opacity: 0; cursor: pointer; }
  button:focus-visible, .file-button:focus-within, textarea:focus-visible {
    outline: 3px solid var(--pass-display-focus-color); outline-offset: 2px;
  }
  .wallet { display: grid; gap: 0.75rem; max-width: 28rem; margin-bottom: 1rem; }
  .wallet ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.4rem; }
  .wallet li { display: flex; gap: 0.5rem; align-items: center; justify-content: space-between; }
  .wallet li[aria-current='true'] { font-weight: 700; }
  textarea { font: 0.9rem ui-monospace, monospace; min-height: 5rem; width: 100%; box-sizing: border-box; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

  /* A paper pass: black on white, the code large, no buttons. */
  @media print {
    :host { color: #000000; }
    .wallet, .actions { display: none !important; }
    .card { border: 2px solid #000000; max-width: none; break-inside: avoid; }
    .badge { color: #000000; background: none !important; border: 2px solid #000000; }
    .detail { color: #000000; }
    .qr { max-width: 12cm; }
  }
`;
