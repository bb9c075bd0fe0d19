import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{server,clickhouse,tracker,scripts,bench,app,eslint}/**/*.test.ts'],
    // chdb segfaults under worker threads; each forked test file gets its own engine.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
