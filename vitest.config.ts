import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The pages' @/ imports, as tsconfig's paths say.
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['{server,clickhouse,tracker,scripts,bench,app,eslint}/**/*.test.ts'],
    // chdb segfaults under worker threads; each forked test file gets its own engine.
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
  },
});
