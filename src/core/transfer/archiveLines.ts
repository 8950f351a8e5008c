// The lines of a gzip archive, read in bounded memory: the unpacked bytes are counted and a line
// is never held beyond its limit, so a gzip bomb (gigabytes of one byte, or of valid lines) ends
// with the limit it hit, not with the process out of memory.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { IMPORT_LIMITS, limitError } from './importLimits';
import { TransferFormatError } from './transferFormatError';

export interface ArchiveLine {
  /** 1-based line number. */
  n: number;
  text: string;
  /** Unpacked bytes of the line (without its newline). */
  bytes: number;
}

const NEWLINE = 0x0a;

/** Every non-empty line of the archive; throws TransferFormatError naming the file and where. */
export async function* archiveLines(
  path: string,
  limits: Pick<typeof IMPORT_LIMITS, 'decompressedBytes' | 'lineBytes'> = IMPORT_LIMITS,
): AsyncGenerator<ArchiveLine> {
  const file = createReadStream(path);
  const input = createGunzip();
  // A broken stream (unreadable file, bad gzip) ends the reading with the stream's own error.
  file.on('error', (err) => input.destroy(err));
  file.pipe(input);
  let n = 0;
  let total = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const line = (last: Buffer): ArchiveLine | undefined => {
    n++;
    const whole = pending.length ? Buffer.concat([...pending, last]) : last;
    pending = [];
    pendingBytes = 0;
    const text = whole.toString('utf8').replace(/\r$/, '');
    return text.trim() ? { n, text, bytes: whole.length } : undefined;
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limits.decompressedBytes)
        throw limitError(path, `line ${n + 1}`, 'decompressedBytes');
      let start = 0;
      for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, start)) {
        if (pendingBytes + i - start > limits.lineBytes)
          throw limitError(path, `line ${n + 1}`, 'lineBytes');
        const l = line(chunk.subarray(start, i));
        start = i + 1;
        if (l) yield l;
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        if (pendingBytes > limits.lineBytes) throw limitError(path, `line ${n + 1}`, 'lineBytes');
      }
    }
    if (pendingBytes) {
      const l = line(Buffer.alloc(0));
      if (l) yield l;
    }
  } catch (err) {
    if (err instanceof TransferFormatError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new TransferFormatError(
      path,
      n ? `after line ${n}` : 'start',
      code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR'
        ? `cannot read the file (${code})`
        : `not a readable gzip archive (${(err as Error).message})`,
    );
  } finally {
    input.destroy();
    file.destroy();
  }
}
