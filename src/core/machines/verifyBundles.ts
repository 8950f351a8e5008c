// Before import reads anything: every file that is a result bundle has its seal checked. A bundle
// whose content no longer matches its SHA-256 is "modified" and stops the import (InputError),
// unless the caller forces it.
import { InputError } from '../failures/inputError';
import { isGzip } from '../transfer/importFiles';
import { checkBundle, type BundleSeal } from './bundleSeal';

export interface BundleVerdict {
  file: string;
  verdict: 'verified' | 'modified';
  seal: BundleSeal;
}

export class BundleModifiedError extends InputError {
  constructor(readonly files: string[]) {
    super(
      `${files.join(', ')}: modified (the content does not match the bundle's SHA-256); nothing was imported (--force imports it anyway)`,
    );
    this.name = 'BundleModifiedError';
  }
}

/** The bundles among the files and whether each is intact; throws when one is modified. */
export async function verifyBundles(
  files: readonly string[],
  options: { force?: boolean } = {},
): Promise<BundleVerdict[]> {
  const out: BundleVerdict[] = [];
  for (const file of files) {
    let gz: boolean;
    try {
      gz = isGzip(file);
    } catch {
      continue; // import's own check names an unreadable file
    }
    if (!gz) continue;
    const check = await checkBundle(file);
    if (check.kind !== 'archive') out.push({ file, verdict: check.kind, seal: check.seal });
  }
  const modified = out.filter((v) => v.verdict === 'modified').map((v) => v.file);
  if (modified.length && !options.force) throw new BundleModifiedError(modified);
  return out;
}
