import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The pages' @/ imports, as tsconfig's paths say.
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['{server,clickhouse,tracker,scripts,bench,app,eslint}/**/*.test.ts'],
    // chdb segfaults under worker threads; each forked test file gets its own engine.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
