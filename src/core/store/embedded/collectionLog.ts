// One collection's append-only log: a relaxed-EJSON line per write (`{"p":[docs]}` puts whole
// documents, `{"d":[ids]}` deletes), each with its checksum (logRecord.ts), replayed into a Map on
// open; a record whose checksum fails is left out and reported, never applied. Several processes
// append to the same file (under the folder's FileLock); before every read or write a process
// reads the lines others appended since it last looked. A line is one write, so a process killed
// mid-write leaves at most one torn last line, which replay ignores and the next writer cuts off.
import { EJSON, type Document } from 'bson';
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { basename, dirname } from 'node:path';
import { decodeRecord, encodeRecord, type LogLine } from './logRecord';

export type DocKey = string;

/** A stable Map key for an _id of any BSON type (ObjectId, string, number). */
export function idKey(id: unknown): DocKey {
  return EJSON.stringify({ k: id }, { relaxed: false });
}

export interface ReplayListener {
  put(doc: Document, previous: Document | undefined, key: DocKey): void;
  delete(key: DocKey, doc: Document): void;
  reset(): void;
}

/** Compaction starts once the log holds twice the live data and at least this many bytes. */
const COMPACT_MIN_BYTES = 256 * 1024;

export class CollectionLog {
  readonly docs = new Map<DocKey, Document>();
  private readonly lineBytes = new Map<DocKey, number>();
  private liveBytes = 0;
  private offset = 0;
  private ino = -1;
  /** 1-based number of the next line to read, for messages that point at a line. */
  private nextLine = 1;
  /** Complete lines left out (bad checksum, not a record): skipped, counted, reported. */
  corruptLines = 0;

  constructor(
    readonly path: string,
    private readonly listener: ReplayListener,
    private readonly warn: (msg: string) => void,
    /** True when the store may hold records from before checksums. */
    private readonly legacyRecords: () => boolean = () => true,
  ) {}

  /** Reads what other processes appended since the last look (or everything, after compaction). */
  catchUp(): void {
    if (!existsSync(this.path)) {
      if (this.ino !== -1) this.resetState();
      return;
    }
    const fd = openSync(this.path, 'r');
    try {
      const st = fstatSync(fd);
      if (!st.isFile())
        throw new Error(
          `${this.path} is not a file, so the ${basename(this.path, '.log')} collection cannot be read; \`ollama-bench store check --repair\` moves it aside.`,
        );
      if (st.ino !== this.ino || st.size < this.offset) {
        this.resetState();
        this.ino = st.ino;
      }
      if (st.size === this.offset) return;
      const buf = Buffer.alloc(st.size - this.offset);
      let read = 0;
      while (read < buf.length) {
        const n = readSync(fd, buf, read, buf.length - read, this.offset + read);
        if (n === 0) break;
        read += n;
      }
      const lastNl = buf.lastIndexOf(0x0a, read - 1);
      if (lastNl < 0) return; // only a torn or in-progress line so far
      let start = 0;
      while (start <= lastNl) {
        const nl = buf.indexOf(0x0a, start);
        if (nl > start) this.applyLine(buf, start, nl);
        this.nextLine++;
        start = nl + 1;
      }
      this.offset += lastNl + 1;
    } finally {
      closeSync(fd);
    }
  }

  /** Bytes after the last complete line: a torn write of a process that died. Lock held. */
  cutTornTail(): void {
    if (!existsSync(this.path)) return;
    const fd = openSync(this.path, 'r+');
    try {
      const size = fstatSync(fd).size;
      if (size > this.offset) {
        this.warn(
          `${basename(this.path)}: dropped ${size - this.offset} bytes of an unfinished write`,
        );
        ftruncateSync(fd, this.offset);
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Appends one write. The caller holds the lock and has caught up. */
  append(line: LogLine): void {
    const bytes = encodeRecord(line);
    const fd = openSync(this.path, 'a');
    try {
      writeSync(fd, bytes);
      const st = fstatSync(fd);
      if (this.ino === -1) this.ino = st.ino;
    } finally {
      closeSync(fd);
    }
    this.offset += bytes.length;
    this.nextLine++;
    this.applyParsed(line, bytes.length);
  }

  /** Bytes of the log this process has read or written. */
  get size(): number {
    return this.offset;
  }

  needsCompaction(): boolean {
    return this.offset > COMPACT_MIN_BYTES && this.offset > 2 * this.liveBytes;
  }

  /** Rewrites the log with one line per live document: temp file, fsync, rename, fsync folder. */
  compact(): void {
    const tmp = `${this.path}.tmp-${process.pid}`;
    const fd = openSync(tmp, 'w');
    let size = 0;
    try {
      const chunk: Buffer[] = [];
      const flush = () => {
        if (!chunk.length) return;
        const b = Buffer.concat(chunk);
        writeSync(fd, b);
        size += b.length;
        chunk.length = 0;
      };
      this.lineBytes.clear();
      this.liveBytes = 0;
      for (const [key, doc] of this.docs) {
        const line = encodeRecord({ p: [doc] });
        const n = line.length;
        this.lineBytes.set(key, n);
        this.liveBytes += n;
        chunk.push(line);
        if (chunk.length >= 512) flush();
      }
      flush();
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    const dfd = openSync(dirname(this.path), 'r');
    try {
      fsyncSync(dfd);
    } catch {
      // some filesystems (and Windows) cannot fsync a folder; the rename is still atomic
    } finally {
      closeSync(dfd);
    }
    const nfd = openSync(this.path, 'r');
    try {
      this.ino = fstatSync(nfd).ino;
    } finally {
      closeSync(nfd);
    }
    this.offset = size;
    this.nextLine = this.docs.size + 1;
  }

  private resetState(): void {
    this.docs.clear();
    this.lineBytes.clear();
    this.liveBytes = 0;
    this.offset = 0;
    this.ino = -1;
    this.nextLine = 1;
    this.listener.reset();
  }

  private applyLine(buf: Buffer, start: number, end: number): void {
    const record = decodeRecord(buf, start, end, this.legacyRecords());
    if (!record.ok) {
      this.corruptLines++;
      // Bad checksums and garbled lines are in the integrity report opening the store gives; a
      // line that only parsing finds bad is not, so it is said here.
      if (record.reason === 'json')
        this.warn(
          `${basename(this.path)}: left out the record at line ${this.nextLine}: not valid EJSON`,
        );
      return;
    }
    this.applyParsed(record.line, end - start + 1);
  }

  private applyParsed(line: LogLine, bytes: number): void {
    // The line's bytes are shared among its documents, so liveBytes estimates the live data.
    const share = bytes / Math.max(1, (line.p?.length ?? 0) + (line.d?.length ?? 0));
    for (const doc of line.p ?? []) {
      const key = idKey(doc._id);
      this.liveBytes += share - (this.lineBytes.get(key) ?? 0);
      this.lineBytes.set(key, share);
      const previous = this.docs.get(key);
      this.docs.set(key, doc);
      this.listener.put(doc, previous, key);
    }
    for (const id of line.d ?? []) {
      const key = idKey(id);
      const doc = this.docs.get(key);
      if (!doc) continue;
      this.liveBytes -= this.lineBytes.get(key) ?? 0;
      this.lineBytes.delete(key);
      this.docs.delete(key);
      this.listener.delete(key, doc);
    }
  }
}
