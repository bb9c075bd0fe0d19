import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The e2e server gets its own throw-away store: exactly one process may own a chdb directory.
// E2E_PORT: run a second suite beside one already running (another checkout).
const port = Number(process.env['E2E_PORT']) || 3210;
const dataDir = mkdtempSync(join(tmpdir(), 'leadtrail-e2e-'));
// The server loads the fixture dataset as of this instant; specs rebuild the same rows
// (e2e/support/fixture.ts) to compute expected numbers independently.
process.env['LEADTRAIL_FIXTURE_NOW'] ??= String(Date.now());
export const E2E_ADMIN = { email: 'admin@leadtrail.local', password: 'e2e-admin-password' };

export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  // One retry under CI, reported as "flaky" in the list: a timing flake on a loaded runner
  // should not sink a run, and the report still names it so it gets fixed.
  retries: process.env['CI'] ? 1 : 0,
  reporter: [['list']],
  use: {
    // The dashboard honours reduced motion (app/globals.css): no pulsing status dot repainting
    // the headless compositor while a test waits.
    reducedMotion: 'reduce',
    // A click on something that never comes fails at that step, naming it, not at the test's end.
    actionTimeout: 20_000,
    baseURL: `http://127.0.0.1:${port}`,
    // Headless Chromium announces itself as HeadlessChrome, which ingest rightly files
    // under bots; the journeys here play people, so they wear a desktop Chrome UA.
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    launchOptions: {
      // Debian's build of Chromium's headless shell, the headless browser Playwright itself uses:
      // the same engine without the desktop browser's layers; the suite's browser side takes
      // about a quarter less time than under `chromium --headless`.
      executablePath: '/usr/bin/chromium-headless-shell',
      args: [
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        // Only V8's interpreter and baseline tier: a test's page lives seconds, too short for the
        // optimising compilers to pay back the background compiling that competes for the 2 cores.
        // Chromium's CPU per fresh-context page load fell 17 % (43.5 → 35.9 s over 18 loads, 3 runs).
        '--js-flags=--no-opt,--no-maglev',
      ],
    },
  },
  webServer: {
    command: 'node --import tsx server/main.ts',
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      LEADTRAIL_DATA_DIR: dataDir,
      LEADTRAIL_DEMO_EVENTS: '2000',
      LEADTRAIL_ADMIN_PASSWORD: E2E_ADMIN.password,
      LEADTRAIL_FIXTURE_NOW: process.env['LEADTRAIL_FIXTURE_NOW'],
      // The webhooks spec delivers to a receiver on 127.0.0.1.
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      // The wechat spec starts a simulated WeChat API here (E2E_PORT + 1000, see e2e/wechat.spec.ts).
      WECHAT_API_BASE: `http://127.0.0.1:${port + 1000}`,
      // The alerts spec waits for a check to find the spike it makes. A check reads every site's
      // page views: every 2 s that kept ~10 % of a core busy for the whole run.
      ALERT_CHECK_SECONDS: '5',
      // The email spec reads the mailbox with "Check now" and expects that check to read the
      // mail it sent: a pass of the background poll could read it first.
      MAIL_POLL_SECONDS: '0',
    },
  },
});
