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
};
