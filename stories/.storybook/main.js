// Storybook for the pass-check elements. Offline by design: no telemetry, no
// update checks, and the stories render the built packages (`npm run build`)
// exactly as an integrator's bundler would see them.
/** @type {import('@storybook/web-components-vite').StorybookConfig} */
const config = {
  stories: ['../src/**/*.mdx', '../src/**/*.stories.js'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
    enableCrashReports: false,
  },
  docs: { defaultName: 'Docs' },
  // Storybook's own "get started" checklist is for people setting up Storybook, not for readers of these stories.
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
  async viteFinal(viteConfig) {
    // The wasm decoder is loaded through `new URL(..., import.meta.url)`; keep
    // those imports as files rather than letting the dev server pre-bundle
    // them away from their .wasm.
    viteConfig.optimizeDeps = {
      ...viteConfig.optimizeDeps,
      exclude: [...(viteConfig.optimizeDeps?.exclude ?? []), '@pass-check/wasm-qr', '@pass-check/elements'],
    };
    // Storybook's own manager and docs bundles are large by nature; the warning says nothing about our code.
    viteConfig.build = { ...viteConfig.build, chunkSizeWarningLimit: 2000 };
    return viteConfig;
  },
};
export default config;
