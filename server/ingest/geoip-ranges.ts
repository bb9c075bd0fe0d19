import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

// geoip-lite reads its tables whole into memory (~109 MB, a fifth of an idle server). Its
// IPv4 city table splits many address ranges that resolve to the same place next to each
// other: joined, its 3,304,848 ranges are 2,392,922, 22 MB less, and every address resolves to
// the same country, region and city. A joined range keeps its first part's coordinates, which
// LeadTrail never reads. The IPv6 table stays as shipped: geoip-lite compares only the first 64
// bits of an IPv6 address, so ranges inside one /64 overlap and which one answers depends on
// where the search lands; joining moves it (1,465 of 41,000 sampled addresses changed place).
// The joined table is written once per geoip-lite database, in geoip-lite's own format, and
// geoip-lite reads its directory.

const require = createRequire(import.meta.url);
// Bumped when the joining below changes, so stale copies are not read.
const FORMAT = 1;
const JOINED = 'geoip-city.dat';
const AS_IS = ['geoip-city6.dat', 'geoip-city-names.dat', 'geoip-country.dat', 'geoip-country6.dat'];
// geoip-lite's MD5s of the database it was built from (its updatedb script writes them).
const CHECKSUMS = ['city.checksum', 'country.checksum'];
// Start, end, location, then coordinates: big-endian 32-bit numbers.
const RECORD = 24;
const CHUNK_RECORDS = 65_536;

/** The directory of geoip-lite's shipped database, as geoip-lite itself resolves it. */
export function shippedGeoDataDir(): string {
  return path.join(path.dirname(require.resolve('geoip-lite/package.json')), 'data');
}

/**
 * A directory holding geoip-lite's database with neighbouring ranges of one place joined,
 * made on first use; the shipped directory if it cannot be written.
 */
export function joinedGeoDataDir(source = shippedGeoDataDir(), cacheRoot = os.tmpdir()): string {
  try {
    const dir = path.join(cacheRoot, 'leadtrail-geoip', databaseKey(source));
    if (fs.existsSync(path.join(dir, JOINED))) return dir;
    fs.mkdirSync(dir, { recursive: true });
    for (const name of AS_IS) linkOrCopy(path.join(source, name), path.join(dir, name));
    // Last: its presence marks a complete directory.
    joinTable(source, dir);
    return dir;
  } catch (error) {
    console.warn(`geo: reading geoip-lite's tables as shipped (${(error as Error).message})`);
    return source;
  }
}

/**
 * The database's identity: geoip-lite's own checksums of its data where it ships them, else each
 * file's size and time. Content, not times, where it can: a reinstall of the same database
 * (a fresh clone, `npm ci`) reuses the joined table instead of leaving another copy behind.
 */
function databaseKey(source: string): string {
  const hash = createHash('sha256').update(`format ${FORMAT}`);
  for (const name of [JOINED, ...AS_IS]) hash.update(`${name} ${fs.statSync(path.join(source, name)).size}`);
  for (const name of CHECKSUMS) {
    const file = path.join(source, name);
    hash.update(
      fs.existsSync(file) ? fs.readFileSync(file) : `${name} ${fs.statSync(path.join(source, JOINED)).mtimeMs}`,
    );
  }
  return hash.digest('hex').slice(0, 16);
}

/** Shares an unchanged file; a copy where hard links cannot be made. Never writes over one. */
function linkOrCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    const temp = `${to}.${process.pid}.tmp`;
    fs.copyFileSync(from, temp);
    fs.renameSync(temp, to);
  }
}

/** Writes the table with each run of adjoining ranges of one location as one range. */
function joinTable(source: string, dir: string): void {
  const temp = path.join(dir, `${JOINED}.${process.pid}.tmp`);
  const input = fs.openSync(path.join(source, JOINED), 'r');
  const output = fs.openSync(temp, 'w');
  try {
    const chunk = Buffer.alloc(RECORD * CHUNK_RECORDS);
    const joined = Buffer.alloc(RECORD * CHUNK_RECORDS);
    let open: Buffer | null = null;
    let written = 0;
    for (let read; (read = fs.readSync(input, chunk, 0, chunk.length, null)) > 0;) {
      for (let at = 0; at + RECORD <= read; at += RECORD) {
        const record = chunk.subarray(at, at + RECORD);
        if (open && adjoins(open, record)) {
          open.writeUInt32BE(record.readUInt32BE(4), 4);
          continue;
        }
        if (open) written = flushRecord(open, joined, written, output);
        open = joined.subarray(written, written + RECORD);
        record.copy(open);
      }
    }
    if (open) written += RECORD;
    fs.writeSync(output, joined, 0, written);
  } finally {
    fs.closeSync(input);
    fs.closeSync(output);
  }
  fs.renameSync(temp, path.join(dir, JOINED));
}

/** Moves past the finished record `open`, writing the buffer out when it is full. */
function flushRecord(open: Buffer, joined: Buffer, written: number, output: number): number {
  const next = written + open.length;
  if (next < joined.length) return next;
  fs.writeSync(output, joined, 0, next);
  return 0;
}

/** Same location, and `record` starts one address after `open` ends. */
function adjoins(open: Buffer, record: Buffer): boolean {
  return open.readUInt32BE(8) === record.readUInt32BE(8) && open.readUInt32BE(4) + 1 === record.readUInt32BE(0);
}
