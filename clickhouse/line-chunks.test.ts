import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../server/testing/temp-dir.ts';
import { writeLineChunks } from './line-chunks.ts';

function written(lines: readonly string[], end: '\n' | ''): Buffer {
  const path = join(tempDir('line-chunks'), 'out');
  const fd = openSync(path, 'w');
  try {
    writeLineChunks(fd, lines, end);
  } finally {
    closeSync(fd);
  }
  return readFileSync(path);
}

describe('writeLineChunks', () => {
  it('writes the bytes of the joined lines across chunk boundaries, wide characters included', () => {
    // ~6 MB of mixed ASCII, CJK (3 bytes each in UTF-8) and astral (4 bytes) lines: several
    // chunks of a MB, with lines ending right before and after the boundaries.
    const lines = Array.from({ length: 30_000 }, (_, i) =>
      i % 3 === 0 ? `["row ${i}","${'茶'.repeat(i % 97)}"]` : i % 3 === 1 ? `["${'x'.repeat(i % 401)}"]` : `["😀${i}"]`,
    );
    expect(written(lines, '\n').equals(Buffer.from(lines.map((l) => `${l}\n`).join('')))).toBe(true);
    expect(written(lines, '').equals(Buffer.from(lines.join('')))).toBe(true);
  });

  it('writes a line longer than a chunk whole, and nothing for no lines', () => {
    const long = `["${'绿茶'.repeat(400_000)}"]`;
    expect(written(['a', long, 'b'], '\n').toString()).toBe(`a\n${long}\nb\n`);
    expect(written([], '\n').length).toBe(0);
  });
});
