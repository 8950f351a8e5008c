// Reading a log line by line without holding it all in memory, and the quick verification every
// open runs: checksums only, no JSON parsing, and only the bytes appended since this process last
// looked (the logs are append-only; a compaction is a new file, so it is read again whole).
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Damage } from '../storeIntegrity';
import { checkRecord } from './logRecord';

const CHUNK = 1 << 20;

/**
 * Calls onLine for each complete, non-empty line of the open file from `from` to `size`, with the
 * line's 1-based number (counting from firstLine) and byte offset. Returns the offset just past
 * the last newline: bytes beyond it are an unfinished (or cut-short) last line.
 */
export function forEachLine(
  fd: number,
  from: number,
  size: number,
  firstLine: number,
  onLine: (buf: Buffer, start: number, end: number, line: number, offset: number) => void,
): { end: number; nextLine: number } {
  let carry = Buffer.alloc(0);
  let carryAt = from;
  let pos = from;
  let line = firstLine;
  while (pos < size) {
    const chunk = Buffer.alloc(Math.min(CHUNK, size - pos));
    const n = readSync(fd, chunk, 0, chunk.length, pos);
    if (n === 0) break;
    pos += n;
    const buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl >= 0; nl = buf.indexOf(0x0a, start)) {
      if (nl > start) onLine(buf, start, nl, line, carryAt + start);
      line++;
      start = nl + 1;
    }
    carry = buf.subarray(start);
    carryAt += start;
  }
  return { end: carryAt, nextLine: line };
}

interface FileState {
  ino: number;
  end: number;
  nextLine: number;
  unverified: number;
  damage: Damage[];
}

export interface QuickScan {
  damage: Damage[];
  unverified: number;
}

/** Remembers how far each log was verified, so a later look reads only what was appended. */
export class LogVerifier {
  private readonly files = new Map<string, FileState>();

  /** Checksums of `path` (a missing file is the caller's concern: it reports nothing here). */
  verify(path: string, legacy = true): QuickScan {
    if (!existsSync(path)) {
      this.files.delete(path);
      return { damage: [], unverified: 0 };
    }
    const file = basename(path);
    const fd = openSync(path, 'r');
    try {
      const st = fstatSync(fd);
      let s = this.files.get(path);
      if (!s || s.ino !== st.ino || st.size < s.end) {
        s = { ino: st.ino, end: 0, nextLine: 1, unverified: 0, damage: [] };
        this.files.set(path, s);
      }
      const state = s;
      const r = forEachLine(
        fd,
        state.end,
        st.size,
        state.nextLine,
        (buf, start, end, line, offset) => {
          const check = checkRecord(buf, start, end, legacy);
          if (check === 'unverified') state.unverified++;
          else if (check === 'checksum')
            state.damage.push({ file, kind: 'checksum', line, offset });
          else if (check === 'garbled') state.damage.push({ file, kind: 'json', line, offset });
        },
      );
      state.end = r.end;
      state.nextLine = r.nextLine;
      const damage = [...state.damage];
      // A tail that grows while we look is another process's write in progress, not damage.
      if (st.size > state.end && statSync(path).size === st.size)
        damage.push({ file, kind: 'truncated', offset: state.end, bytes: st.size - state.end });
      return { damage, unverified: state.unverified };
    } finally {
      closeSync(fd);
    }
  }
}
