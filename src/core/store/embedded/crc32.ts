// CRC-32 (IEEE 802.3, the polynomial zip and PNG use) of a log record's bytes. Node has it built in
// from 20.15 / 22.2 (zlib.crc32); the engines field allows any Node 20, so older ones get the
// table-driven version below, which gives the same numbers.
import * as zlib from 'node:zlib';

let table: Uint32Array | undefined;

function makeTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

/** The table-driven CRC-32 (exported so the test checks it even where Node has its own). */
export function crc32Portable(data: Uint8Array): number {
  table ??= makeTable();
  let c = 0xffffffff;
  // Indexed by one byte, so every lookup lands in the 256-entry table.
  for (const byte of data) c = (table[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** CRC-32 of the bytes, as an unsigned 32-bit number. */
export const crc32: (data: Uint8Array) => number =
  typeof native === 'function' ? (data) => native(data) >>> 0 : crc32Portable;
