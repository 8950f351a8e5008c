// A result bundle: the chosen sessions with their results and samples, the machines' hardware
// documents and the models they name, in the store's archive format (each session keeps its run
// conditions) and sealed with the SHA-256 of its content (bundleSeal.ts), optionally redacted for
// sharing in public (redaction.ts). Documents go in collection order (what others refer to
// first), each collection sorted by _id, so the same documents always give the same bytes.
import type { Document } from 'bson';
import { createHash } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { InputError } from '../failures/inputError';
import type { OpenedStore } from '../repositories/openedStore';
import { idKeyOf } from '../store/sampleBuckets';
import { CollectionNames, DATA_COLLECTIONS } from '../store/storeCollection';
import { encodeArchiveLine, type ArchiveEntry } from '../transfer/archiveFormat';
import { BUNDLE_FORMAT, sealLine, type BundleSeal } from './bundleSeal';
import { Redactor } from './redaction';

/** Which sessions go in: by id, or those that ran a model, or started since a date (all given). */
export interface BundleSelection {
  sessionIds?: string[];
  model?: string;
  /** Epoch ms, inclusive. */
  since?: number;
}

const key = (id: unknown) => (id === undefined || id === null ? '' : String(id));

function startOf(doc: Document): number {
  const t = doc.start_time as unknown;
  return t instanceof Date ? t.getTime() : typeof t === 'string' ? Date.parse(t) : NaN;
}

function selected(doc: Document, s: BundleSelection): boolean {
  if (s.sessionIds && !s.sessionIds.includes(key(doc._id))) return false;
  if (s.model && !(doc.models as Document[] | undefined)?.some((m) => m.name === s.model))
    return false;
  if (s.since !== undefined && !(startOf(doc) >= s.since)) return false;
  return true;
}

const byId = (a: Document, b: Document) => {
  const x = idKeyOf(a._id);
  const y = idKeyOf(b._id);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The bundle's documents from a store, in the order they are written. */
export async function bundleEntries(
  store: Pick<OpenedStore, 'documents'>,
  selection: BundleSelection,
): Promise<ArchiveEntry[]> {
  const sessions = (await store.documents.read(CollectionNames.sessions)).filter((d) =>
    selected(d, selection),
  );
  if (!sessions.length) throw new InputError('no session matches: the bundle would be empty');
  const sessionIds = new Set(sessions.map((d) => key(d._id)));
  const missing = selection.sessionIds?.filter((id) => !sessionIds.has(id)) ?? [];
  if (missing.length) throw new InputError(`no session with id ${missing.join(', ')}`);
  const results = (await store.documents.read(CollectionNames.results)).filter((d) =>
    sessionIds.has(key(d.session_id)),
  );
  const samples = (await store.documents.read(CollectionNames.samples)).filter((d) =>
    sessionIds.has(key(d.session_id)),
  );
  const machines = new Set(sessions.map((d) => key(d.hardware_config_id)));
  const hardware = (await store.documents.read(CollectionNames.hardwareConfigs)).filter((d) =>
    machines.has(key(d._id)),
  );
  const modelIds = new Set([
    ...results.map((d) => key(d.model_id)),
    ...sessions.flatMap((d) =>
      ((d.models as Document[] | undefined) ?? []).map((m) => key(m.model_id)),
    ),
  ]);
  const modelNames = new Set(
    sessions.flatMap((d) => ((d.models as Document[] | undefined) ?? []).map((m) => m.name)),
  );
  const models = (await store.documents.read(CollectionNames.models)).filter(
    (d) => modelIds.has(key(d._id)) || modelNames.has(d.name),
  );
  const docs: Partial<Record<string, Document[]>> = {
    [CollectionNames.hardwareConfigs]: hardware,
    [CollectionNames.models]: models,
    [CollectionNames.sessions]: sessions,
    [CollectionNames.results]: results,
    [CollectionNames.samples]: samples,
  };
  return DATA_COLLECTIONS.flatMap((collection) =>
    [...(docs[collection] ?? [])].sort(byId).map((doc) => ({ collection, doc })),
  );
}

/** The entries with host names, user names and paths replaced by stable pseudonyms. */
export function redactEntries(entries: readonly ArchiveEntry[]): ArchiveEntry[] {
  const redactor = new Redactor();
  for (const e of entries) redactor.learn(e.doc);
  return entries.map((e) => ({ collection: e.collection, doc: redactor.redact(e.doc) }));
}

/** The bundle file's bytes: the seal, then the archive lines it seals, gzip-compressed. */
export function bundleBytes(
  entries: readonly ArchiveEntry[],
  redacted: boolean,
  createdAt = new Date(),
): { bytes: Buffer; seal: BundleSeal } {
  const content = Buffer.from(entries.map(encodeArchiveLine).join(''), 'utf8');
  const seal: BundleSeal = {
    format: BUNDLE_FORMAT,
    sha256: createHash('sha256').update(content).digest('hex'),
    documents: entries.length,
    redacted,
    created_at: createdAt.toISOString(),
  };
  return {
    bytes: gzipSync(Buffer.concat([Buffer.from(sealLine(seal), 'utf8'), content])),
    seal,
  };
}

/** Writes the bundle whole or not at all (a temporary file beside it, renamed at the end). */
export async function writeBundle(
  store: Pick<OpenedStore, 'documents'>,
  path: string,
  selection: BundleSelection,
  options: { redact?: boolean } = {},
): Promise<BundleSeal & { sessions: number }> {
  const all = await bundleEntries(store, selection);
  const entries = options.redact ? redactEntries(all) : all;
  const { bytes, seal } = bundleBytes(entries, !!options.redact);
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  const sessions = entries.filter((e) => e.collection === CollectionNames.sessions).length;
  return { ...seal, sessions };
}
