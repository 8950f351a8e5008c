// The extension used to keep its embedded store in VS Code's globalStorage folder, apart from the
// CLI's ~/.ollama-bench. Both now share one folder (storeLocation.ts); this moves an old store in,
// once, losing nothing: every document the shared store lacks (by _id) is copied, nothing there is
// overwritten. A hardware config, model or suite the shared store already has under another _id
// (the same machine fingerprint, model name or suite name: unique keys) is not copied twice; the
// copied sessions and results are pointed at the shared one instead. The old folder is left as it
// was, a backup, with a marker so the move never runs again. MongoDB write journals waiting in the
// old folder move too, so their writes are still replayed.
import { ObjectId, type Document } from 'bson';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { isAlive } from '../process/isAlive';
import { EmbeddedDatabase } from './embedded/embeddedDatabase';
import { idKey } from './embedded/collectionLog';
import { EmbeddedBackend } from './embeddedBackend';
import { INDEXES } from './indexes';
import { CollectionNames, type StoreCollection } from './storeCollection';
import { refuseKernelFilesystem } from './storePathGuard';

/** Left in the old folder once its documents are in the shared store. */
export const MOVED_MARKER = 'moved-to-shared-store.json';
/** Held (exclusive create) while one process moves, so two windows starting at once move once. */
const CLAIM = `${MOVED_MARKER}.claim`;
const BATCH = 500;

/** Fields holding the _id of a document in another collection, per collection. */
const REFERENCES: Partial<Record<string, Record<string, string>>> = {
  [CollectionNames.sessions]: {
    hardware_config_id: CollectionNames.hardwareConfigs,
    'models[].model_id': CollectionNames.models,
  },
  [CollectionNames.results]: { model_id: CollectionNames.models },
};

export interface CollectionMove {
  collection: string;
  /** Documents copied into the shared store. */
  copied: number;
  /** Documents the shared store already had under the same _id (left as they were). */
  present: number;
  /** Documents the shared store had under another _id with the same unique key (reused). */
  sameKey: number;
}

export interface StoreMoveReport {
  from: string;
  to: string;
  collections: CollectionMove[];
  /** MongoDB write journal files moved (each holds writes still to replay). */
  journalFiles: number;
}

export interface MoveToSharedStoreOptions {
  /** The old embedded store folder (the extension's globalStorage/store). */
  fromStore: string;
  /** The shared embedded store folder. */
  toStore: string;
  /** Old and new MongoDB write journal folders. */
  fromJournal?: string;
  toJournal?: string;
  log?: (msg: string) => void;
}

/** "12 test_sessions, 3 hardware_configs …": what a move copied, for one log line. */
export function describeMove(report: StoreMoveReport): string {
  const parts = report.collections
    .filter((c) => c.copied || c.present || c.sameKey)
    .map((c) => {
      const kept = c.present + c.sameKey;
      return `${c.collection} ${c.copied}${kept ? ` (+${kept} already there)` : ''}`;
    });
  if (report.journalFiles) parts.push(`${report.journalFiles} MongoDB journal file(s)`);
  return `Moved the embedded store from ${report.from} to ${report.to}: ${
    parts.join(', ') || 'it was empty'
  }. The old folder is kept unchanged as a backup; delete it when you no longer need it.`;
}

function logFiles(folder: string): string[] {
  try {
    return readdirSync(folder).filter((f) => f.endsWith('.log'));
  } catch {
    return []; // no old folder: nothing to move
  }
}

/** Order: collections others point into first, so their _id mapping is known when needed. */
function collectionOrder(files: string[]): string[] {
  const names = files.map((f) => f.slice(0, -'.log'.length));
  const known: string[] = Object.values(CollectionNames);
  const rank = (n: string) => (known.includes(n) ? known.indexOf(n) : known.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function getPath(doc: Document, path: string): unknown {
  return path.split('.').reduce<unknown>((cur, part) => (cur as Document | null)?.[part], doc);
}

function uniqueKeys(collection: string): string[][] {
  return (INDEXES[collection as keyof typeof INDEXES] ?? [])
    .filter((i) => i.unique)
    .map((i) => Object.keys(i.keys));
}

function keyOf(doc: Document, fields: string[]): string | undefined {
  const values = fields.map((f) => getPath(doc, f));
  return values.every((v) => v === undefined) ? undefined : idKey(values);
}

/** Points the document's references at the shared store's documents where they were reused. */
function remapReferences(
  collection: string,
  doc: Document,
  reused: Map<string, Map<string, unknown>>,
): void {
  for (const [path, target] of Object.entries(REFERENCES[collection] ?? {})) {
    const ids = reused.get(target);
    if (!ids?.size) continue;
    const swap = (holder: Document, field: string) => {
      const next = holder[field] === undefined ? undefined : ids.get(idKey(holder[field]));
      if (next !== undefined)
        holder[field] =
          typeof holder[field] === 'string' && next instanceof ObjectId ? next.toHexString() : next;
    };
    const arrayAt = path.indexOf('[].');
    if (arrayAt < 0) swap(doc, path);
    else {
      const items = doc[path.slice(0, arrayAt)];
      if (Array.isArray(items))
        for (const item of items as Document[]) swap(item, path.slice(arrayAt + 3));
    }
  }
}

async function moveCollection(
  name: string,
  from: StoreCollection,
  to: StoreCollection,
  reused: Map<string, Map<string, unknown>>,
): Promise<CollectionMove> {
  const report: CollectionMove = { collection: name, copied: 0, present: 0, sameKey: 0 };
  const existing = await to.find({}).toArray();
  const ids = new Set(existing.map((d) => idKey(d._id)));
  const uniques = uniqueKeys(name).map((fields) => ({
    fields,
    owners: new Map(
      existing.flatMap((d) => {
        const k = keyOf(d, fields);
        return k === undefined ? [] : [[k, d._id] as const];
      }),
    ),
  }));
  const mine = new Map<string, unknown>();
  reused.set(name, mine);
  const batch: Document[] = [];
  for (const doc of await from.find({}).toArray()) {
    if (ids.has(idKey(doc._id))) {
      report.present++;
      continue;
    }
    const owner = uniques
      .map((u) => {
        const k = keyOf(doc, u.fields);
        return k === undefined ? undefined : u.owners.get(k);
      })
      .find((o) => o !== undefined);
    if (owner !== undefined) {
      mine.set(idKey(doc._id), owner);
      report.sameKey++;
      continue;
    }
    remapReferences(name, doc, reused);
    batch.push(doc);
    if (batch.length >= BATCH)
      report.copied += (await to.insertMany(batch.splice(0))).insertedCount;
  }
  if (batch.length) report.copied += (await to.insertMany(batch)).insertedCount;
  return report;
}

/**
 * Takes the move for this process, or returns false when another live process is moving now.
 * A claim left by a process that died mid-move is taken over (the move skips what it copied).
 */
function claim(folder: string): boolean {
  const path = join(folder, CLAIM);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname() }), { flag: 'wx' });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner: { pid?: number; host?: string } = {};
      try {
        owner = JSON.parse(readFileSync(path, 'utf8')) as typeof owner;
      } catch {
        // half-written claim: its writer is gone or about to finish; treat as stale
      }
      if (owner.host === hostname() && typeof owner.pid === 'number' && isAlive(owner.pid))
        return false;
      unlinkSync(path);
    }
  }
  return false;
}

/** Moves MongoDB journal files of ended processes; a live process's file stays where it writes. */
function moveJournals(from: string | undefined, to: string | undefined): number {
  if (!from || !to || resolve(from) === resolve(to)) return 0;
  let files: string[];
  try {
    files = readdirSync(from).filter((f) => f.endsWith('.ndjson'));
  } catch {
    return 0;
  }
  let moved = 0;
  for (const file of files) {
    const pid = Number(/-(\d+)\.ndjson$/.exec(file)?.[1]);
    if (isAlive(pid) || existsSync(join(to, file))) continue;
    mkdirSync(to, { recursive: true });
    try {
      renameSync(join(from, file), join(to, file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      copyFileSync(join(from, file), join(to, file));
      unlinkSync(join(from, file));
    }
    moved++;
  }
  return moved;
}

/**
 * Moves the old store into the shared one if it has not been moved yet. Returns what moved, or
 * undefined when there was nothing to do (no old store, already moved, the same folder, or another
 * process moving it right now).
 */
export async function moveToSharedStore(
  options: MoveToSharedStoreOptions,
): Promise<StoreMoveReport | undefined> {
  const from = resolve(options.fromStore);
  const to = resolve(options.toStore);
  refuseKernelFilesystem(to);
  const journalFiles = moveJournals(options.fromJournal, options.toJournal);
  const files = from === to ? [] : logFiles(from);
  const marked = existsSync(join(from, MOVED_MARKER));
  if (marked || !files.length || !claim(from)) {
    if (!journalFiles) return undefined;
    const report: StoreMoveReport = { from, to, collections: [], journalFiles };
    options.log?.(describeMove(report));
    return report;
  }
  try {
    const source = new EmbeddedDatabase(from, (msg) => options.log?.(`old store: ${msg}`));
    const target = await EmbeddedBackend.open(to, { log: options.log });
    const reused = new Map<string, Map<string, unknown>>();
    const collections: CollectionMove[] = [];
    try {
      for (const name of collectionOrder(files))
        collections.push(
          await moveCollection(name, source.collection(name), target.db.collection(name), reused),
        );
    } finally {
      await target.close();
      source.close();
    }
    const report: StoreMoveReport = { from, to, collections, journalFiles };
    writeFileSync(
      join(from, MOVED_MARKER),
      `${JSON.stringify({ to, at: new Date().toISOString(), collections }, null, 2)}\n`,
    );
    options.log?.(describeMove(report));
    return report;
  } finally {
    unlinkSync(join(from, CLAIM));
  }
}
