import { describe, expect, it } from 'vitest';
import { withDuration } from './webm-duration.ts';

// EBML built by hand: id bytes, an 8-byte size field (or "unknown", all ones), content.
const el = (id: number[], content: Buffer, unknown = false) => {
  const size = Buffer.alloc(8);
  if (unknown) size.fill(0xff);
  else size.writeBigUInt64BE(BigInt(content.length));
  size[0] = 0x01;
  return Buffer.concat([Buffer.from(id), size, content]);
};
const SEGMENT = [0x18, 0x53, 0x80, 0x67];
const INFO = [0x15, 0x49, 0xa9, 0x66];
const HEADER = el([0x1a, 0x45, 0xdf, 0xa3], el([0x42, 0x82], Buffer.from('webm')));
const scale = (ns: number) => el([0x2a, 0xd7, 0xb1], Buffer.from([(ns >> 16) & 0xff, (ns >> 8) & 0xff, ns & 0xff]));
const duration = (v: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(v);
  return el([0x44, 0x89], b);
};
const TRACKS = el([0x16, 0x54, 0xae, 0x6b], Buffer.alloc(20, 3));

/** The Duration value the patched file holds, read independently of the code under test. */
const durationIn = (file: Buffer) => {
  const at = file.indexOf(Buffer.from([0x44, 0x89]));
  return at < 0 ? undefined : file.readDoubleBE(at + 2 + (file[at + 2] === 0x88 ? 1 : 8));
};
const apply = (file: Buffer, ms: number) => {
  const patch = withDuration(file, ms);
  if (!patch) throw new Error('no patch');
  return Buffer.concat([patch.bytes, file.subarray(patch.replaces)]);
};

describe('WebM duration', () => {
  it('adds Duration to a streamed file (unknown Segment size), in the file’s timecode scale', () => {
    const info = el(INFO, scale(1_000_000));
    const file = Buffer.concat([HEADER, el(SEGMENT, Buffer.concat([info, TRACKS]), true)]);
    const out = apply(file, 4321);
    expect(durationIn(out)).toBe(4321);
    expect(out.length).toBe(file.length + 11);
    expect(out.subarray(out.length - TRACKS.length)).toEqual(TRACKS);
    // A 10 µs scale (100 000 ns): the same 4321 ms is 43 210 ticks.
    const coarse = Buffer.concat([HEADER, el(SEGMENT, Buffer.concat([el(INFO, scale(100_000)), TRACKS]), true)]);
    expect(durationIn(apply(coarse, 4321))).toBe(43_210);
  });

  it('replaces an old Duration and grows a Segment of known size by what Info grew', () => {
    const info = el(INFO, Buffer.concat([scale(1_000_000), duration(5)]));
    const file = Buffer.concat([HEADER, el(SEGMENT, Buffer.concat([info, TRACKS]))]);
    const out = apply(file, 9000);
    expect(durationIn(out)).toBe(9000);
    // Duration was 8+8+2 bytes, now 11: the file and the Segment shrink by 7.
    expect(out.length).toBe(file.length - 7);
    const segmentSize = Number(out.readBigUInt64BE(HEADER.length + 4) & 0x00ffffffffffffffn);
    expect(segmentSize).toBe(out.length - HEADER.length - 12);
  });

  it('leaves what is not WebM, or a head cut before the end of Info, alone', () => {
    expect(withDuration(Buffer.from('RIFF....WAVEfmt '), 1000)).toBeNull();
    const info = el(INFO, scale(1_000_000));
    const file = Buffer.concat([HEADER, el(SEGMENT, Buffer.concat([info, TRACKS]), true)]);
    expect(withDuration(file.subarray(0, HEADER.length + 12 + 10), 1000)).toBeNull();
  });
});
