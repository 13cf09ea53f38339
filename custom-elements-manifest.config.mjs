// Custom Elements Manifest for <pass-scanner> and <pass-display>, read from the
// elements' class doc comments (@event, @csspart, @cssprop, @slot). Storybook's
// docs pages and controls are generated from it, so the comments stay the one
// source of the public element API. `npm run cem` writes it.
export default {
  globs: ['packages/elements/src/**/*.ts'],
  exclude: ['packages/elements/src/**/*.test.ts', 'packages/elements/src/**/*.styles.ts'],
  outdir: 'stories/.generated',
  litelement: true,
  // The manifest is a build artefact for Storybook, not something to advertise
  // from the private root package.json.
  packagejson: false,
  plugins: [documentedEventsOnly()],
};

/**
 * The analyzer also guesses an event from every `dispatchEvent(new SomeEvent(x))`,
 * naming it after the constructor's first argument (`code`, `result`): events that
 * do not exist. The elements' `@event` comments are the list; guesses are dropped.
 */
function documentedEventsOnly() {
  return {
    name: 'documented-events-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.description);
        }
      }
    },
  };
}
