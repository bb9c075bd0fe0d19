import { writeSync } from 'node:fs';

// A batch's lines joined into one string, and that string encoded into one Buffer, is
// memory touched for the first time: on this VM a first touch costs ~2.8 ms a MB, about
// fifty times the copy itself (bench/RESULTS.md, "Writing batches through one buffer").
// Encoding the lines into one buffer that is reused keeps the copies in warm memory.

const CHUNK = 1 << 20;
/** UTF-8 takes at most three bytes per UTF-16 unit (a surrogate pair: four for two). */
const MAX_BYTES_PER_UNIT = 3;
let scratch: Buffer | undefined;

/**
 * Writes `lines` to `fd`, each followed by `end` (one ASCII character or none), as
 * `fs.writeSync(fd, lines.map((l) => l + end).join(''))` would, in chunks of about a MB.
 * A file the disk cannot take throws, as that write would, with what fitted written.
 */
export function writeLineChunks(fd: number, lines: readonly string[], end: '\n' | ''): void {
  const buffer = (scratch ??= Buffer.allocUnsafe(CHUNK));
  let used = 0;
  const flush = () => {
    for (let at = 0; at < used;) at += writeSync(fd, buffer, at, used - at);
    used = 0;
  };
  for (const line of lines) {
    const most = line.length * MAX_BYTES_PER_UNIT + end.length;
    if (used + most > CHUNK) flush();
    if (most > CHUNK) {
      writeAll(fd, Buffer.from(line + end));
      continue;
    }
    used += buffer.write(line, used);
    if (end) buffer[used++] = end.charCodeAt(0);
  }
  flush();
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
}
