import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { BUDGET_GZIP } from '../../tracker/build';
import { TRACKER_FILE } from './fixture-server';

test('the built snippet exists and fits the 2,048 B gzip budget', () => {
  expect(existsSync(TRACKER_FILE), 'run npm run build:tracker first').toBe(true);
  const code = readFileSync(TRACKER_FILE);
  const gzip = gzipSync(code, { level: 9 }).length;
  test.info().annotations.push({
    type: 'size',
    description: `${code.length} B raw, ${gzip} B gzip, ${brotliCompressSync(code).length} B brotli`,
  });
  expect(BUDGET_GZIP).toBe(2048);
  expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP);
});

test('the built snippet is one minified IIFE without a source map', () => {
  const code = readFileSync(TRACKER_FILE, 'utf8');
  expect(code.startsWith('(()=>{')).toBe(true);
  expect(code).not.toContain('sourceMappingURL');
  expect(code.split('\n').filter(Boolean)).toHaveLength(1);
});
