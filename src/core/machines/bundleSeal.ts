// A result bundle is an archive (archiveFormat.ts: gzip JSON Lines, one document a line) whose
// first line is its seal: {"bundle": {format, sha256, documents, redacted, created_at}}, where
// sha256 is the SHA-256 of every unpacked byte after that line. import reads the seal, hashes
// the lines again and calls the bundle "modified" when the two differ; an archive without a seal
// is told apart by its first line alone.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { IMPORT_LIMITS, limitError } from '../transfer/importLimits';
import { TransferFormatError } from '../transfer/transferFormatError';

const NEWLINE = 0x0a;

export const BUNDLE_FORMAT = 'ollama-bench-bundle/1';
export const BUNDLE_EXTENSION = '.bundle.jsonl.gz';

export interface BundleSeal {
  format: string;
  sha256: string;
  documents: number;
  redacted: boolean;
  created_at: string;
}

export function sealLine(seal: BundleSeal): string {
  return `${JSON.stringify({ bundle: seal })}\n`;
}

/** The seal a line holds, or undefined when it is an ordinary archive line. */
export function sealOf(line: string): BundleSeal | undefined {
  if (!line.startsWith('{"bundle":')) return undefined;
  try {
    const value = (JSON.parse(line) as { bundle?: unknown }).bundle;
    if (!value || typeof value !== 'object') return undefined;
    const s = value as Partial<BundleSeal>;
    return typeof s.sha256 === 'string' && typeof s.format === 'string'
      ? (s as BundleSeal)
      : undefined;
  } catch {
    return undefined;
  }
}

export type BundleCheck =
  | { kind: 'archive' }
  | { kind: 'verified'; seal: BundleSeal }
  | { kind: 'modified'; seal: BundleSeal; actual: string };

/**
 * Whether a gzip archive is a bundle, and whether its content is what it was sealed with: the
 * unpacked bytes after the seal are hashed exactly as stored. An archive without a seal is known
 * from its first line, without reading on. A file gzip cannot unpack throws TransferFormatError,
 * as import's own reading does.
 */
export async function checkBundle(path: string): Promise<BundleCheck> {
  const hash = createHash('sha256');
  let seal: BundleSeal | undefined;
  for await (const line of rawLines(path)) {
    if (seal) {
      hash.update(line);
      continue;
    }
    seal = sealOf(line.toString('utf8').replace(/\r?\n$/, ''));
    if (!seal) return { kind: 'archive' };
  }
  if (!seal) return { kind: 'archive' };
  const actual = hash.digest('hex');
  return actual === seal.sha256 ? { kind: 'verified', seal } : { kind: 'modified', seal, actual };
}

/** The unpacked lines of a gzip file as bytes, each with its newline; bounded as import is. */
async function* rawLines(path: string): AsyncGenerator<Buffer> {
  const file = createReadStream(path);
  const input = createGunzip();
  file.on('error', (err) => input.destroy(err));
  file.pipe(input);
  let total = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > IMPORT_LIMITS.decompressedBytes)
        throw limitError(path, 'unpacking', 'decompressedBytes');
      let start = 0;
      for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, start)) {
        yield Buffer.concat([...pending, chunk.subarray(start, i + 1)]);
        pending = [];
        pendingBytes = 0;
        start = i + 1;
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        if (pendingBytes > IMPORT_LIMITS.lineBytes)
          throw limitError(path, 'unpacking', 'lineBytes');
      }
    }
    if (pendingBytes) yield Buffer.concat(pending);
  } catch (err) {
    if (err instanceof TransferFormatError) throw err;
    throw new TransferFormatError(
      path,
      'start',
      `not a readable gzip archive (${(err as Error).message}): modified or damaged`,
    );
  } finally {
    input.destroy();
    file.destroy();
  }
}
