import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Services refuse with the plain classes of server/contract/errors.ts; only server/trpc knows
// tRPC (and maps them to codes). A service that imports @trpc/server again breaks that.
const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe('tRPC stays in server/trpc', () => {
  it('no server file outside server/trpc (tests and test harnesses aside) imports @trpc/server', () => {
    const offenders = sources(join(root, 'server'))
      .map((p) => relative(root, p))
      .filter((p) => !p.startsWith('server/trpc/') && !p.startsWith('server/testing/'))
      .filter((p) => readFileSync(join(root, p), 'utf8').includes('@trpc/server'));
    expect(offenders).toEqual([]);
  });
});
