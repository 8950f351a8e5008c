// The zero-config default: the domain store over an embedded folder (mingo + append-only logs).
import { DocumentStore } from '../sessions/sessionRepository';
import { DuplicateKeyError } from './embedded/embeddedCollection';
import { EmbeddedDatabase, type EmbeddedDatabaseOptions } from './embedded/embeddedDatabase';
import { INDEXES } from './indexes';
import type { OpenedStore, PruneReport, RetentionPolicy } from '../repositories/openedStore';
import { CollectionNames, type StoreCollections } from './storeCollection';
import { integrityNotes, type StoreIntegrity } from './storeIntegrity';

export class EmbeddedStore extends DocumentStore implements OpenedStore {
  readonly kind = 'embedded' as const;

  private constructor(
    readonly db: EmbeddedDatabase,
    collections: StoreCollections,
  ) {
    super(collections, `embedded store at ${db.folder}`, 'buckets', async () => db.close());
  }

  static async open(
    folder: string,
    options: { log?: (msg: string) => void } & EmbeddedDatabaseOptions = {},
  ): Promise<EmbeddedStore> {
    const { log, ...dbOptions } = options;
    const db = new EmbeddedDatabase(folder, (msg) => log?.(`store: ${msg}`), dbOptions);
    // Damage is said on every open, so no reader loses results without a word.
    for (const line of integrityNotes(db.integrity(), `the embedded store at ${folder}`))
      log?.(`warning: ${line}`);
    const collections = Object.fromEntries(
      Object.entries(CollectionNames).map(([key, name]) => [key, db.collection(name)]),
    ) as StoreCollections;
    for (const [name, specs] of Object.entries(INDEXES)) {
      for (const spec of specs ?? []) {
        if (!spec.unique) continue;
        try {
          await db.collection(name).createIndex(spec.keys, { unique: true, name: spec.name });
        } catch (err) {
          if (!(err instanceof DuplicateKeyError)) throw err;
          // Only a hand-merged or damaged log gets here; say what mends it.
          throw new Error(
            `The embedded store at ${folder} holds two documents with the same key (${err.message}); run \`ollama-bench store check --repair --store ${folder}\` to keep the first and set the other aside.`,
          );
        }
      }
    }
    return new EmbeddedStore(db, collections);
  }

  override prune(policy: RetentionPolicy): Promise<PruneReport> {
    return super.prune(policy);
  }

  pendingWrites(): number {
    return 0;
  }

  async flushJournal(): Promise<number> {
    return 0;
  }

  async integrity(): Promise<StoreIntegrity> {
    return this.db.integrity();
  }
}
