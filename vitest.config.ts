import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Files that need modules evaluated for them alone: a `vi.mock` of a module the app imports, or
 * an environment variable set before server/env.ts reads it.
 */
const FRESH_MODULES = ['server/auth/sign-in.test.ts', 'server/chat/callbacks.test.ts'];

export default defineConfig({
  // The pages' @/ imports, as tsconfig's paths say.
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    // chdb segfaults under worker threads: files run in child processes, each on a store of its own.
    pool: 'forks',
    // One migrated store that each file copies instead of migrating its own (test-store.ts).
    globalSetup: ['server/testing/store-template-setup.ts'],
    // Most tests wait on the engine, a timer or a child server, so forks beyond the cores pay:
    // on 2 cores the default, one fork, took 596 s; three took 391 s.
    maxWorkers: '150%',
    testTimeout: 60_000,
    // A wait for something the server does (a socket frame, a stored row, a delivery) gets 10 s,
    // not vitest's 1 s: on a loaded runner a robot answer over the WeChat outbox took longer.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
    projects: [
      // Each file still starts its own app on its own store; what the files of one fork share is
      // the evaluated server code: importing server/app.ts's graph anew for every file took
      // 250 of the run's 365 s of import time.
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['{server,clickhouse,tracker,scripts,bench,app,eslint}/**/*.test.ts'],
          exclude: FRESH_MODULES,
          isolate: false,
        },
      },
      { extends: true, test: { name: 'fresh', include: FRESH_MODULES } },
    ],
  },
});
