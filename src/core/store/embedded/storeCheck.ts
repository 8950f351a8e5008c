// `ollama-bench store check [--repair]`: a full verification of an embedded store folder, under its
// write lock. Every record's checksum and JSON, the unique indexes over the replayed documents,
// and the references between test results and sessions. With repair, each log that needs it is
// rewritten keeping every good record (a new file, fsync, rename; the damaged one kept as .bak).
// It reads the files itself rather than opening the store, so a store too damaged to open (a
// duplicate key fails the unique index) can still be checked and repaired.
import { ObjectId, type Document } from 'bson';
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  linkSync,
  copyFileSync,
  openSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { INDEXES } from '../indexes';
import { CollectionNames } from '../storeCollection';
import type { Damage } from '../storeIntegrity';
import { idKey } from './collectionLog';
import { getPath } from './embeddedCollection';
import { FileLock } from './fileLock';
import { decodeRecord, encodeRecord, type LogLine } from './logRecord';
import {
  CHECKSUMMED_FORMAT,
  isNotAFile,
  logFiles,
  readManifest,
  readManifestFormat,
  writeManifest,
} from './logManifest';
import { forEachLine } from './logScan';
import { isReadOnlyError, StoreReadOnlyError } from './storeReadOnlyError';

export interface CheckedLog {
  file: string;
  /** Records read whole. */
  records: number;
  /** Of those, written before checksums (nothing vouches for them). */
  unverified: number;
  /** Set when repair rewrote the log: where the damaged file was kept. */
  backup?: string;
}

export interface StoreCheckReport {
  folder: string;
  logs: CheckedLog[];
  /** What was found (before any repair). */
  damage: Damage[];
  /** Repair ran and what it rewrote is now clean. */
  repaired: boolean;
  /** Why the check ran without the write lock (the folder cannot be written). */
  unlocked?: string;
}

export interface StoreCheckOptions {
  repair?: boolean;
  /** How long to wait for another process's write lock (ms). */
  lockWaitMs?: number;
}

const RESULTS = `${CollectionNames.results}.log`;
const SESSIONS = `${CollectionNames.sessions}.log`;
/** Samples are verified record by record but not replayed: they can be large and hold no keys. */
const NOT_REPLAYED = new Set([`${CollectionNames.samples}.log`]);

const idText = (id: unknown) => (id instanceof ObjectId ? id.toHexString() : String(id));

interface LogState {
  file: string;
  path: string;
  records: number;
  unverified: number;
  /** The store may hold records from before checksums. */
  legacy: boolean;
  damage: Damage[];
  /** Live documents by idKey, with the line that first put each (for duplicate keys). */
  docs: Map<string, { doc: Document; firstLine: number }>;
}

interface LogEdits {
  /** idKeys of documents to leave out of every record. */
  drop: Set<string>;
  /** Rewrites of documents, applied to every record that puts them. */
  patch: Map<string, (doc: Document) => Document>;
}

/** The edits planned for a log file, empty until something is planned. */
function editsFor(edits: Map<string, LogEdits>, file: string): LogEdits {
  let planned = edits.get(file);
  if (!planned) edits.set(file, (planned = { drop: new Set(), patch: new Map() }));
  return planned;
}

function scanLog(folder: string, file: string, locked: boolean, legacy: boolean): LogState {
  const path = join(folder, file);
  const state: LogState = {
    file,
    path,
    records: 0,
    unverified: 0,
    legacy,
    damage: [],
    docs: new Map(),
  };
  if (isNotAFile(path)) {
    state.damage.push({ file, kind: 'not-a-file' });
    return state;
  }
  const replay = !NOT_REPLAYED.has(file);
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const { end } = forEachLine(fd, 0, size, 1, (buf, start, stop, line, offset) => {
      const r = decodeRecord(buf, start, stop, legacy);
      if (!r.ok) {
        state.damage.push({
          file,
          kind: r.reason === 'checksum' ? 'checksum' : 'json',
          line,
          offset,
        });
        return;
      }
      state.records++;
      if (!r.verified) state.unverified++;
      if (!replay) return;
      for (const doc of r.line.p ?? []) {
        const key = idKey(doc._id);
        state.docs.set(key, { doc, firstLine: state.docs.get(key)?.firstLine ?? line });
      }
      for (const id of r.line.d ?? []) state.docs.delete(idKey(id));
    });
    // Without the lock a growing tail is a write in progress; with it, it is a write cut short.
    if (size > end && (locked || statSync(path).size === size))
      state.damage.push({ file, kind: 'truncated', offset: end, bytes: size - end });
  } finally {
    closeSync(fd);
  }
  return state;
}

/** Unique indexes: a later document holding a taken key is the one left out on repair. */
function checkUnique(state: LogState, edits: LogEdits): void {
  const name = state.file.replace(/\.log$/, '');
  const specs = (INDEXES as Record<string, { keys: Record<string, 1 | -1>; unique?: boolean }[]>)[
    name
  ];
  for (const spec of specs?.filter((s) => s.unique) ?? []) {
    const fields = Object.keys(spec.keys);
    const holders = new Map<string, { key: string; firstLine: number }>();
    const ordered = [...state.docs.entries()].sort((a, b) => a[1].firstLine - b[1].firstLine);
    for (const [key, { doc, firstLine }] of ordered) {
      const value = idKey(fields.map((f) => getPath(doc, f) ?? null));
      const holder = holders.get(value);
      if (!holder) {
        holders.set(value, { key, firstLine });
        continue;
      }
      state.damage.push({
        file: state.file,
        kind: 'duplicate',
        line: firstLine,
        detail: `${fields.join(',')} ${JSON.stringify(fields.map((f) => getPath(doc, f) ?? null))} of ${idText(doc._id)} (line ${firstLine}) is already held by the document put at line ${holder.firstLine}`,
      });
      edits.drop.add(key);
    }
  }
  for (const key of edits.drop) state.docs.delete(key);
}

/** References both ways between test results and sessions. */
function checkReferences(
  sessions: LogState | undefined,
  results: LogState | undefined,
  edits: Map<string, LogEdits>,
): Damage[] {
  const damage: Damage[] = [];
  const sessionIds = new Set([...(sessions?.docs.values() ?? [])].map((s) => idText(s.doc._id)));
  const resultIds = new Set([...(results?.docs.values() ?? [])].map((r) => idText(r.doc._id)));
  if (results) {
    const orphans = [...results.docs.entries()].filter(
      ([, r]) => !sessionIds.has(idText(r.doc.session_id)),
    );
    for (const [key] of orphans) editsFor(edits, RESULTS).drop.add(key);
    const [first] = orphans;
    if (first) {
      const [, { doc }] = first;
      damage.push({
        file: RESULTS,
        kind: 'reference',
        detail: `${orphans.length} test result(s) belong to sessions the store no longer has (e.g. result ${idText(doc._id)} of session ${idText(doc.session_id)})`,
      });
    }
  }
  if (sessions) {
    let dangling = 0;
    let example = '';
    for (const [key, { doc }] of sessions.docs) {
      const lost = (doc.models as Document[] | undefined)
        ?.flatMap((m) => (m.tests as Document[] | undefined) ?? [])
        .filter((t) => t.result_id !== undefined && !resultIds.has(idText(t.result_id)));
      const firstLost = lost?.[0];
      if (!lost || !firstLost) continue;
      dangling += lost.length;
      example ||= `session ${idText(doc._id)}, result ${idText(firstLost.result_id)}`;
      const gone = new Set(lost.map((t) => idText(t.result_id)));
      editsFor(edits, SESSIONS).patch.set(key, (d) => ({
        ...d,
        models: (d.models as Document[] | undefined)?.map((m) => ({
          ...m,
          tests: (m.tests as Document[] | undefined)?.map((t) => {
            if (t.result_id === undefined || !gone.has(idText(t.result_id))) return t;
            const { result_id: _lost, ...kept } = t;
            return kept;
          }),
        })),
      }));
    }
    if (dangling)
      damage.push({
        file: SESSIONS,
        kind: 'reference',
        detail: `${dangling} test(s) of sessions point to test results the store no longer has (e.g. ${example}); repair clears those links, the sessions' own figures stay`,
      });
  }
  return damage;
}

function backupName(path: string): string {
  for (let n = 1; ; n++) {
    const bak = n === 1 ? `${path}.bak` : `${path}.${n}.bak`;
    if (!existsSync(bak)) return bak;
  }
}

/** `<log>.not-a-file`, -2, -3 … when taken: where a log that is not a file is moved aside. */
function asideName(path: string): string {
  for (let n = 1; ; n++) {
    const aside = n === 1 ? `${path}.not-a-file` : `${path}.not-a-file-${n}`;
    if (!existsSync(aside)) return aside;
  }
}

function fsyncFolder(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } catch {
    // some filesystems (and Windows) cannot fsync a folder; the rename is still atomic
  } finally {
    closeSync(fd);
  }
}

/** Writes the log again with its good records only (edited as asked); returns the backup. */
function rewrite(state: LogState, edits: LogEdits): string {
  const tmp = `${state.path}.repair-${process.pid}`;
  const out = openSync(tmp, 'w');
  try {
    const fd = openSync(state.path, 'r');
    try {
      forEachLine(fd, 0, fstatSync(fd).size, 1, (buf, start, end) => {
        const r = decodeRecord(buf, start, end, state.legacy);
        if (!r.ok) return;
        const touched = r.line.p?.some((doc) => {
          const key = idKey(doc._id);
          return edits.drop.has(key) || edits.patch.has(key);
        });
        if (!touched) {
          writeSync(out, buf.subarray(start, end + 1)); // the line and its newline, as written
          return;
        }
        const p = (r.line.p ?? [])
          .filter((doc) => !edits.drop.has(idKey(doc._id)))
          .map((doc) => edits.patch.get(idKey(doc._id))?.(doc) ?? doc);
        const line: LogLine = { ...(p.length ? { p } : {}), ...(r.line.d ? { d: r.line.d } : {}) };
        if (line.p || line.d?.length) writeSync(out, encodeRecord(line));
      });
    } finally {
      closeSync(fd);
    }
    fsyncSync(out);
  } finally {
    closeSync(out);
  }
  const bak = backupName(state.path);
  try {
    linkSync(state.path, bak);
  } catch {
    copyFileSync(state.path, bak); // a filesystem without hard links
  }
  renameSync(tmp, state.path);
  fsyncFolder(dirname(state.path));
  return bak;
}

function verify(folder: string, locked: boolean) {
  const manifest = readManifest(folder);
  const present = logFiles(folder);
  const damage: Damage[] = [...manifest]
    .filter((f) => !present.includes(f))
    .map((file) => ({ file, kind: 'missing' as const }));
  const legacy = readManifestFormat(folder) < CHECKSUMMED_FORMAT;
  const states = new Map(present.map((f) => [f, scanLog(folder, f, locked, legacy)]));
  const edits = new Map(present.map((f) => [f, { drop: new Set<string>(), patch: new Map() }]));
  for (const s of states.values()) checkUnique(s, editsFor(edits, s.file));
  const references = checkReferences(states.get(SESSIONS), states.get(RESULTS), edits);
  for (const s of states.values()) damage.push(...s.damage);
  damage.push(...references);
  return { manifest, present, damage, states, edits };
}

export async function checkStore(
  folder: string,
  options: StoreCheckOptions = {},
): Promise<StoreCheckReport> {
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new Error(`There is no embedded store at ${folder} (no such folder).`);
  const lock = new FileLock(folder, options.lockWaitMs);
  let unlocked: string | undefined;
  try {
    await lock.acquire();
  } catch (err) {
    if (!isReadOnlyError(err)) throw err;
    const reason = `cannot create its lock file (${(err as NodeJS.ErrnoException).code})`;
    if (options.repair) throw new StoreReadOnlyError(folder, reason);
    // Nobody who cannot write here can change the logs under us by our means; check as they are.
    unlocked = reason;
  }
  try {
    const found = verify(folder, !unlocked);
    const logs: CheckedLog[] = [...found.states.values()].map((s) => ({
      file: s.file,
      records: s.records,
      unverified: s.unverified,
    }));
    const report: StoreCheckReport = {
      folder,
      logs,
      damage: found.damage,
      repaired: false,
      ...(unlocked ? { unlocked } : {}),
    };
    if (!options.repair || !found.damage.length) return report;
    const touched = new Set(found.damage.map((d) => d.file));
    const aside = found.damage.filter((d) => d.kind === 'not-a-file').map((d) => d.file);
    for (const file of aside) {
      const state = found.states.get(file)!;
      const moved = asideName(state.path);
      renameSync(state.path, moved);
      logs.find((l) => l.file === file)!.backup = moved;
      found.states.delete(file);
    }
    if (aside.length)
      writeManifest(
        folder,
        [...readManifest(folder)].filter((f) => !aside.includes(f)),
      );
    for (const s of found.states.values()) {
      const e = editsFor(found.edits, s.file);
      if (!touched.has(s.file) && !e.drop.size && !e.patch.size) continue;
      const backup = rewrite(s, e);
      const log = logs.find((l) => l.file === s.file);
      if (log) log.backup = backup;
    }
    // A vanished log cannot be brought back: the manifest stops expecting it.
    if (found.damage.some((d) => d.kind === 'missing')) writeManifest(folder, found.present);
    report.repaired = verify(folder, true).damage.length === 0;
    return report;
  } finally {
    if (!unlocked) lock.release();
  }
}
