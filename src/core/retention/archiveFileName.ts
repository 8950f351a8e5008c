// Where retention writes its archive: one new file per run in the archive folder, in the store's
// archive format (src/core/transfer/archiveFormat.ts), named by the run's time.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { refuseKernelPath } from '../paths/kernelPathGuard';
import { ARCHIVE_EXTENSION } from '../transfer/archiveFormat';

/** `<dir>/ollama-bench-archive-20250301T100000Z.jsonl.gz`, -2, -3 … when taken; dir is created. */
export function archiveFileName(dir: string, now: Date): string {
  refuseKernelPath(dir, 'the archive folder');
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new Error(`cannot create the archive folder ${dir}: ${(err as Error).message}`);
  }
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  for (let n = 1; ; n++) {
    const file = join(
      dir,
      `ollama-bench-archive-${stamp}${n > 1 ? `-${n}` : ''}${ARCHIVE_EXTENSION}`,
    );
    if (!existsSync(file)) return file;
  }
}
