// Browser tests with Chromium's fake camera. The fake-camera flags belong to a
// browser launch, so each scenario is a group with its own Chromium playing its
// own .y4m (made fresh by make-videos.mjs), plus one launch that refuses the camera
// and one with two cameras. The groups run one after another (concurrentBrowsers: 1).
//   npm run test:camera
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { chromeLauncher } from '@web/test-runner-chrome';
import base, { chromiumArgs } from '../../web-test-runner.config.mjs';
import { makeCameraFixtures } from './test/camera/make-videos.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixturesDir = path.join(root, '.cache', 'elements-camera');
const { videos } = await makeCameraFixtures(fixturesDir);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const withCamera = (video) => chromeLauncher({
  launchOptions: {
    executablePath: chromium,
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  },
});
// Two fake cameras playing Chromium's test pattern: switching lenses.
const twoCameras = chromeLauncher({
  launchOptions: { executablePath: chromium, args: [...chromiumArgs, '--use-fake-device-for-media-stream=device-count=2', '--use-fake-ui-for-media-stream'] },
});
// A fake camera exists, but the permission prompt is answered "no".
const refusingCamera = chromeLauncher({
  launchOptions: { executablePath: chromium, args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--deny-permission-prompts'] },
});

/**
 * Every request the test server sees (from the page and its workers), and a
 * command to read them: the "no network while verifying" check. The same
 * plugin serves the fixtures (trust bundle, expected names) under /camera-fixtures/.
 *
 * Groups run side by side against one server, so each request is noted with the
 * test session it came from when its URL or referer says so (a test page's own
 * requests carry `wtr-session-id`): another group's page starting up (its fetch of
 * the trust bundle, say) is not this page "using the network while verifying".
 * Requests that name no session (a worker's, for one) are always counted.
 */
function sessionOf(value) {
  try {
    return value ? new URL(value, 'http://x').searchParams.get('wtr-session-id') ?? undefined : undefined;
  } catch {
    return undefined;
  }
}

function requestLog() {
  const seen = [];
  return {
    middleware: async (context, next) => {
      seen.push({ path: context.path, session: sessionOf(context.url) ?? sessionOf(context.get('referer')) });
      await next();
    },
    plugin: {
      name: 'camera-request-log',
      serve(context) {
        if (!context.path.startsWith('/camera-fixtures/')) return undefined;
        const file = path.join(fixturesDir, path.basename(context.path));
        if (!file.endsWith('.json') || !fs.existsSync(file)) return undefined;
        return { body: fs.readFileSync(file, 'utf8'), type: 'json' };
      },
      async executeCommand({ command, payload, session }) {
        if (command === 'request-count') return seen.length;
        if (command === 'requests-since') {
          return seen.slice(payload.mark).filter((r) => r.session === undefined || r.session === session?.id).map((r) => r.path);
        }
        return undefined;
      },
    },
  };
}

const group = (name, browser) => ({ name, files: `packages/elements/test/camera/${name}.camera.js`, browsers: [browser] });

const { files: ordinaryTests, ...shared } = base;
const requests = requestLog();

export default {
  ...shared,
  rootDir: root,
  // One browser with one page at a time: the server's request log (the "no network while verifying"
  // check) is shared by every group, so a second page starting would write into another's window.
  concurrentBrowsers: 1,
  concurrency: 1,
  middleware: [requests.middleware],
  plugins: [...base.plugins, requests.plugin],
  groups: [
    group('valid', withCamera(videos.valid)),
    group('tampered', withCamera(videos.tampered)),
    group('chunked', withCamera(videos.chunked)),
    group('vdsnc', withCamera(videos.vdsnc)),
    group('divoc', withCamera(videos.divoc)),
    group('denied', refusingCamera),
    group('two-cameras', twoCameras),
  ],
};
