// What opening (or checking) a store found wrong with its files, for the CLI's stderr, the
// dashboard's banner and `ollama-bench store check`. MongoDB keeps its own data safe and reports
// nothing here; the embedded store reports records it had to leave out and files that vanished.

export type DamageKind =
  /** A record whose checksum does not match its bytes (a flipped bit, an edited digit). */
  | 'checksum'
  /** A complete line that is not a record (not JSON, not the shape of a write). */
  | 'json'
  /** Bytes after the last complete line: a write cut short (a crash, a truncated copy). */
  | 'truncated'
  /** A log the store had written is gone. */
  | 'missing'
  /** A log's name holds something that is not a file (a directory): none of it can be read. */
  | 'not-a-file'
  /** Two documents share a key a unique index allows once (only `store check` looks). */
  | 'duplicate'
  /** A document refers to one the store no longer has (only `store check` looks). */
  | 'reference';

export interface Damage {
  /** The log's file name, e.g. `test_results.log`. */
  file: string;
  kind: DamageKind;
  /** 1-based line of the record, where it has one. */
  line?: number;
  /** Byte offset of the record's first byte. */
  offset?: number;
  /** Bytes left out (a truncated tail). */
  bytes?: number;
  /** The specifics a user needs (which key, which id). */
  detail?: string;
}

export interface StoreIntegrity {
  /** Empty when nothing was found wrong. */
  damage: Damage[];
  /** Records written before the store kept checksums: read as they are, nothing vouches for them. */
  unverified: number;
  /** Why this process can only read the store (set when it cannot write there). */
  readOnly?: string;
}

/** Damage the records of which were left out (the others only report). */
export function dropsRecord(d: Damage): boolean {
  return d.kind === 'checksum' || d.kind === 'json' || d.kind === 'truncated';
}

function where(d: Damage): string {
  switch (d.kind) {
    case 'checksum':
      return `checksum mismatch at line ${d.line}`;
    case 'json':
      return `unreadable record at line ${d.line}`;
    case 'truncated':
      return `truncated last line, ${d.bytes} bytes at offset ${d.offset}`;
    case 'duplicate':
      return `duplicate key ${d.detail ?? ''}`.trim();
    case 'reference':
      return d.detail ?? 'a dangling reference';
    case 'missing':
      return 'missing';
    case 'not-a-file':
      return 'not a file';
  }
}

/**
 * One line per damaged file, e.g.
 * "test_results.log: 2 records dropped (checksum mismatch at line 17, truncated last line …)".
 */
export function describeDamage(damage: readonly Damage[]): string[] {
  const byFile = new Map<string, Damage[]>();
  for (const d of damage) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    if (list.some((d) => d.kind === 'missing')) {
      lines.push(`${file}: missing — every record it held is lost`);
      continue;
    }
    if (list.some((d) => d.kind === 'not-a-file')) {
      lines.push(
        `${file}: not a file (a directory?) — its collection cannot be read; \`ollama-bench store check --repair\` moves it aside`,
      );
      continue;
    }
    const dropped = list.filter(dropsRecord);
    const other = list.filter((d) => !dropsRecord(d));
    const parts: string[] = [];
    if (dropped.length)
      parts.push(
        `${dropped.length} record${dropped.length === 1 ? '' : 's'} dropped (${dropped.map(where).join(', ')})`,
      );
    if (other.length) parts.push(other.map(where).join('; '));
    lines.push(`${file}: ${parts.join('; ')}`);
  }
  return lines;
}

/** What a reader should be told, one line each (empty when there is nothing to say). */
export function integrityNotes(report: StoreIntegrity, description: string): string[] {
  const lines = describeDamage(report.damage).map((l) => `${description} is damaged: ${l}`);
  if (lines.length)
    lines.push(
      'The records above were left out; `ollama-bench store check --repair` rewrites the damaged logs without them (keeping a .bak copy).',
    );
  if (report.readOnly)
    lines.push(
      `${description} is read-only: ${report.readOnly}; results can be read, not written.`,
    );
  return lines;
}
