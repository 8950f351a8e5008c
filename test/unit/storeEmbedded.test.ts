// The embedded store: the contract suite, plus what its own persistence must guarantee.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../src/core/store/embeddedStore';
import { storeContract } from './storeContract';

const dir = mkdtempSync(join(tmpdir(), 'ob-store-'));
storeContract('embedded (mingo over append-only logs)', {
  open: () => EmbeddedStore.open(join(dir, 'contract')),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});
