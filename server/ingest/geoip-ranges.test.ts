import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupGeo } from './geo.ts';
import { joinedGeoDataDir, shippedGeoDataDir } from './geoip-ranges.ts';

const v4 = (start: number, end: number, location: number): Buffer => {
  const record = Buffer.alloc(24);
  record.writeUInt32BE(start, 0);
  record.writeUInt32BE(end, 4);
  record.writeUInt32BE(location, 8);
  record.writeInt32BE(start, 12); // coordinates: tell the parts of a joined range apart
  return record;
};

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'geoip-ranges-'));

describe('joined geoip tables', () => {
  it('joins only adjoining IPv4 ranges of one location, keeping the first part', () => {
    const source = tempDir();
    fs.writeFileSync(
      path.join(source, 'geoip-city.dat'),
      Buffer.concat([v4(1, 5, 7), v4(6, 9, 7), v4(10, 10, 7), v4(12, 20, 7), v4(21, 30, 8), v4(31, 2 ** 32 - 1, 7)]),
    );
    for (const name of ['geoip-city6.dat', 'geoip-city-names.dat', 'geoip-country.dat', 'geoip-country6.dat']) {
      fs.writeFileSync(path.join(source, name), name);
    }
    const dir = joinedGeoDataDir(source, tempDir());

    expect(fs.readFileSync(path.join(dir, 'geoip-city.dat'))).toEqual(
      Buffer.concat([v4(1, 10, 7), v4(12, 20, 7), v4(21, 30, 8), v4(31, 2 ** 32 - 1, 7)]),
    );
    expect(fs.readFileSync(path.join(dir, 'geoip-country.dat'), 'utf8')).toBe('geoip-country.dat');
    expect(fs.readFileSync(path.join(source, 'geoip-country.dat'), 'utf8')).toBe('geoip-country.dat');
  });

  it('falls back to the shipped tables when it cannot write', () => {
    const source = shippedGeoDataDir();
    const notADir = path.join(tempDir(), 'file');
    fs.writeFileSync(notADir, '');
    expect(joinedGeoDataDir(source, notADir)).toBe(source);
  });

  it('resolves addresses across the whole database as geoip-lite does with its own tables', () => {
    const ips = sampleAddresses();
    // geoip-lite in a process of its own, reading the tables it ships.
    const shipped = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '-e',
          `const g = require('geoip-lite'); const ips = JSON.parse(require('fs').readFileSync(0, 'utf8'));
           process.stdout.write(JSON.stringify(ips.map((ip) => { const h = g.lookup(ip);
             return h ? [h.country, h.region, h.city].join('|') : '||'; })));`,
        ],
        { input: JSON.stringify(ips), maxBuffer: 64 << 20 },
      ).toString(),
    ) as string[];
    const joined = ips.map((ip) => Object.values(lookupGeo(ip)).join('|'));
    const differing = ips.filter((_, i) => joined[i] !== shipped[i]);
    expect(differing).toEqual([]);
    expect(new Set(shipped).size).toBeGreaterThan(5_000);
  }, 60_000);
});

/** The first, last and one-past-last address of every 29th range of the shipped tables. */
function sampleAddresses(): string[] {
  const ips: string[] = [];
  const city4 = fs.readFileSync(path.join(shippedGeoDataDir(), 'geoip-city.dat'));
  for (let at = 0; at < city4.length; at += 24 * 29) {
    const [start, end] = [city4.readUInt32BE(at), city4.readUInt32BE(at + 4)];
    for (const ip of [start, end, end + 1]) ips.push([24, 16, 8, 0].map((s) => (ip >>> s) & 255).join('.'));
  }
  const city6 = fs.readFileSync(path.join(shippedGeoDataDir(), 'geoip-city6.dat'));
  for (let at = 0; at < city6.length; at += 48 * 29) {
    const end = city6.readBigUInt64BE(at + 16) * 2n ** 64n + city6.readBigUInt64BE(at + 24);
    const start = city6.readBigUInt64BE(at) * 2n ** 64n + city6.readBigUInt64BE(at + 8);
    for (const ip of [start, end, end + 1n]) ips.push(ipv6(ip));
  }
  return ips;
}

function ipv6(ip: bigint): string {
  const hex = ip.toString(16).padStart(32, '0');
  return Array.from({ length: 8 }, (_, i) => hex.slice(i * 4, i * 4 + 4)).join(':');
}
