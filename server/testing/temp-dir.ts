import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory of its own for one test's store or journal. */
export const tempDir = (name: string): string => mkdtempSync(join(tmpdir(), `leadtrail-${name}-`));
