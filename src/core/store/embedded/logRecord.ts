// One line of a collection log, with its checksum. A record is the relaxed-EJSON object of one
// write with a CRC-32 in front, inside the same object so a reader that predates checksums still
// parses it (and ignores the extra field):
//
//   {"c":"cbf43926","p":[{...}]}
//   '----prefix----''---body---'   c = CRC-32 of the body's UTF-8 bytes, 8 lowercase hex digits
//
// Lines written before checksums existed start straight with {"p" or {"d": in a store from before
// checksums they still load, but nothing vouches for them, so they are counted as unverified. In
// a store whose format says every record has a checksum (`legacy` false), such a line is damage:
// a checksum removed so an edit would pass. A line that starts like a checksum and is not a
// well-formed one (a digit that is no hex digit) is damage in any store.
import { EJSON, type Document } from 'bson';
import { crc32 } from './crc32';

export interface LogLine {
  /** Whole documents put (inserted or replaced). */
  p?: Document[];
  /** _ids deleted. */
  d?: unknown[];
}

const PREFIX_HEAD = Buffer.from('{"c":"');
const PREFIX_TAIL = Buffer.from('",');
/** `{"c":"` + 8 hex digits + `",` */
const PREFIX_BYTES = PREFIX_HEAD.length + 8 + PREFIX_TAIL.length;

/** The bytes to append for one write, newline included. */
export function encodeRecord(line: LogLine): Buffer {
  const json = EJSON.stringify(line, { relaxed: true });
  // Without the opening brace: the prefix supplies it.
  const body = Buffer.from(`${json.slice(1)}\n`, 'utf8');
  const sum = crc32(body.subarray(0, body.length - 1))
    .toString(16)
    .padStart(8, '0');
  return Buffer.concat([PREFIX_HEAD, Buffer.from(sum, 'latin1'), PREFIX_TAIL, body]);
}

/** What a complete line (without its newline) holds. */
export type RecordCheck =
  /** Checksum present and right. */
  | 'verified'
  /** Written before checksums: looks like one object; only parsing can say more. */
  | 'unverified'
  /** Checksum present and wrong: a flipped bit, an edited digit, two lines run together. */
  | 'checksum'
  /** Not even the shape of a record. */
  | 'garbled';

const isHex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66);

/**
 * Classifies buf[start, end) without parsing the JSON (cheap enough for every open). `legacy`:
 * the store may hold records from before checksums.
 */
export function checkRecord(buf: Buffer, start: number, end: number, legacy = true): RecordCheck {
  const len = end - start;
  const at = (part: Buffer, from: number) =>
    buf.compare(part, 0, part.length, from, from + part.length) === 0;
  if (len >= PREFIX_HEAD.length && at(PREFIX_HEAD, start)) {
    if (len < PREFIX_BYTES) return 'checksum';
    const hexAt = start + PREFIX_HEAD.length;
    let hexOk = at(PREFIX_TAIL, hexAt + 8);
    for (let i = 0; hexOk && i < 8; i++) hexOk = isHex(buf[hexAt + i] ?? 0);
    if (!hexOk) return 'checksum';
    const want = parseInt(buf.toString('latin1', hexAt, hexAt + 8), 16);
    return crc32(buf.subarray(start + PREFIX_BYTES, end)) === want ? 'verified' : 'checksum';
  }
  const shaped = len >= 2 && buf[start] === 0x7b && buf[end - 1] === 0x7d;
  if (!shaped) return 'garbled';
  return legacy ? 'unverified' : 'checksum';
}

export type DecodedRecord =
  | { ok: true; verified: boolean; line: LogLine }
  /** json: shaped like a record (so only parsing could tell) but not one. */
  | { ok: false; reason: 'checksum' | 'garbled' | 'json' };

/** Checks and parses one complete line (without its newline); `legacy` as for checkRecord. */
export function decodeRecord(
  buf: Buffer,
  start: number,
  end: number,
  legacy = true,
): DecodedRecord {
  const check = checkRecord(buf, start, end, legacy);
  if (check === 'checksum') return { ok: false, reason: 'checksum' };
  if (check === 'garbled') return { ok: false, reason: 'garbled' };
  let parsed: unknown;
  try {
    parsed = EJSON.parse(buf.toString('utf8', start, end), { relaxed: true });
  } catch {
    return { ok: false, reason: 'json' };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    return { ok: false, reason: 'json' };
  const { p, d } = parsed as LogLine;
  if ((p !== undefined && !Array.isArray(p)) || (d !== undefined && !Array.isArray(d)))
    return { ok: false, reason: 'json' };
  if (p?.some((doc) => !doc || typeof doc !== 'object' || doc._id === undefined))
    return { ok: false, reason: 'json' };
  return { ok: true, verified: check === 'verified', line: { p, d } };
}
