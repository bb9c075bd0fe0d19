// Chromium's MediaRecorder writes a WebM that never says how long it is (it streams: the
// Segment's size is "unknown" and Info has no Duration), so an <audio> element shows
// Infinity and cannot seek until it has played to the end. Once the recording is complete
// the server writes the Duration into the Info element, the way ts-ebml/fix-webm-duration do
// in the browser: only the bytes up to the end of Info change.

const EBML = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;

interface Element {
  id: number;
  /** Where the element's size field starts and how long it is. */
  sizeAt: number;
  sizeLength: number;
  dataAt: number;
  /** -1 for the "unknown size" of a streamed element. */
  size: number;
}

function vintLength(first: number): number {
  for (let len = 1; len <= 8; len++) if (first & (0x80 >> (len - 1))) return len;
  return 0;
}

function elementAt(buf: Buffer, at: number): Element | null {
  const idLength = at < buf.length ? vintLength(buf.readUInt8(at)) : 0;
  if (idLength === 0 || idLength > 4 || at + idLength >= buf.length) return null;
  const id = buf.readUIntBE(at, idLength);
  const sizeAt = at + idLength;
  const sizeLength = vintLength(buf.readUInt8(sizeAt));
  if (sizeLength === 0 || sizeAt + sizeLength > buf.length) return null;
  let size = buf.readUInt8(sizeAt) & (0xff >> sizeLength);
  let allOnes = size === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    const b = buf.readUInt8(sizeAt + i);
    allOnes &&= b === 0xff;
    size = size * 256 + b;
  }
  return { id, sizeAt, sizeLength, dataAt: sizeAt + sizeLength, size: allOnes ? -1 : size };
}

/** A size field of `length` bytes (the length marker included). */
function sizeField(value: number, length: number): Buffer {
  const all = Buffer.alloc(8);
  all.writeBigUInt64BE(BigInt(value));
  const field = Buffer.from(all.subarray(8 - length));
  field.writeUInt8(field.readUInt8(0) | (0x80 >> (length - 1)), 0);
  return field;
}

/**
 * The head of a WebM file with Duration set to `durationMs`, and how many bytes of the old
 * head it replaces (the rest of the file follows unchanged); null when `head` does not hold
 * the EBML header, the Segment start and the whole Info element.
 */
export function withDuration(head: Buffer, durationMs: number): { bytes: Buffer; replaces: number } | null {
  const ebml = elementAt(head, 0);
  if (!ebml || ebml.id !== EBML || ebml.size < 0) return null;
  const segment = elementAt(head, ebml.dataAt + ebml.size);
  if (!segment || segment.id !== SEGMENT) return null;
  for (let at = segment.dataAt; ;) {
    const e = elementAt(head, at);
    if (!e || e.size < 0 || e.dataAt + e.size > head.length) return null;
    if (e.id === INFO) return patchInfo(head, segment, e, durationMs);
    at = e.dataAt + e.size;
  }
}

function patchInfo(head: Buffer, segment: Element, info: Element, durationMs: number) {
  const end = info.dataAt + info.size;
  const children: Buffer[] = [];
  let scale = 1_000_000;
  for (let at = info.dataAt; at < end;) {
    const child = elementAt(head, at);
    if (!child || child.size < 0 || child.dataAt + child.size > end) return null;
    if (child.id === TIMECODE_SCALE) scale = head.readUIntBE(child.dataAt, Math.min(6, child.size)) || scale;
    // An old Duration goes: the new one is appended below.
    if (child.id !== DURATION) children.push(head.subarray(at, child.dataAt + child.size));
    at = child.dataAt + child.size;
  }
  const duration = Buffer.alloc(11);
  duration.writeUInt16BE(DURATION, 0);
  duration[2] = 0x88; // a size field of one byte: 8
  duration.writeDoubleBE((durationMs * 1_000_000) / scale, 3);
  const content = Buffer.concat([...children, duration]);
  const newInfo = Buffer.concat([head.subarray(info.sizeAt - 4, info.sizeAt), sizeField(content.length, 8), content]);
  const before = Buffer.from(head.subarray(0, info.sizeAt - 4));
  // A Segment of known size grows by what Info grew (in place: the same field length).
  if (segment.size >= 0) {
    const grown = segment.size + newInfo.length - (end - (info.sizeAt - 4));
    sizeField(grown, segment.sizeLength).copy(before, segment.sizeAt);
  }
  return { bytes: Buffer.concat([before, newInfo]), replaces: end };
}
