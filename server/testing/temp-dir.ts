import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh directory of its own for one test's store or journal, inside a fresh parent: the app
 * keeps its mail and webhook outboxes and recordings beside the journal (its parent is the
 * data directory in production), which under a bare tmpdir() every test and run would share.
 */
export const tempDir = (name: string): string => {
  const dir = join(mkdtempSync(join(tmpdir(), 'leadtrail-')), name);
  mkdirSync(dir);
  return dir;
};
