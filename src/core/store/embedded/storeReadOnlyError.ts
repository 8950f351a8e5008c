// A store this process may read but not write: a folder or files without write permission, a
// read-only mount, a backup opened in place. Reads work; a write says why it cannot.

/** Error codes that mean "not allowed to write here" rather than "something broke". */
const READ_ONLY_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

export function isReadOnlyError(err: unknown): boolean {
  return READ_ONLY_CODES.has((err as NodeJS.ErrnoException | null)?.code ?? '');
}

export class StoreReadOnlyError extends Error {
  constructor(
    readonly folder: string,
    readonly reason: string,
  ) {
    super(
      `The store at ${folder} is read-only: ${reason}. Nothing was written. Its results can still be read; to write, make the folder and its files writable for this user, or choose another store (--store PATH or OLLAMA_BENCH_STORE).`,
    );
    this.name = 'StoreReadOnlyError';
  }
}
