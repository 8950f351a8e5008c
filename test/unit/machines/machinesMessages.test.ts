// The dashboard's Machines tab on the host side: two machines' fingerprints in one store give two
// rows; a malformed request is refused; an empty store says why there is nothing to show.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MachinesView } from '../../../src/shared/machines';
import { parseDashboardMessage, parseDashboardState } from '../../../src/shared/protocolGuards';
import { dashboardHandler } from '../../fixtures/dashboardHandler';
import { hardware, session } from '../../fixtures/storeDocuments';
import { openTempStore, type TempStore } from '../../fixtures/tempStore';

describe('dashboard Machines tab (host side)', () => {
  let temp: TempStore;

  before(async () => {
    temp = await openTempStore();
  });
  after(async () => {
    await temp.remove();
  });

  it('an empty store: an error that says there is no result yet', async () => {
    const { handle, posted } = dashboardHandler(temp.store);
    await handle({ type: 'machines', request: { sort: 'tokens_per_second' } });
    assert.equal(posted[0]?.type, 'error');
    assert.match(JSON.stringify(posted[0]), /no completed result in the store/);
  });

  it('two machines in one store: one row each, sorted by the chosen figure', async () => {
    for (const [fp, gpu, tps] of [
      ['fp-a', 'NVIDIA RTX 4090', 100],
      ['fp-b', 'NVIDIA RTX 3060', 40],
    ] as const) {
      const hw = await temp.store.sessions.saveHardwareConfig(
        hardware(fp, 'AMD Ryzen 9 7950X', gpu),
      );
      await temp.store.sessions.insertSession(session('qwen3:8b', { hw, tps }));
    }
    const { handle, posted } = dashboardHandler(temp.store);
    await handle({ type: 'machines', request: { sort: 'tokens_per_second' } });
    const msg = posted[0] as { type: string; view: MachinesView };
    assert.equal(msg.type, 'machines');
    assert.equal(msg.view.model, 'qwen3:8b');
    assert.deepEqual(
      msg.view.machines.map((r) => r.summary.gpu),
      ['NVIDIA RTX 4090', 'NVIDIA RTX 3060'],
    );
  });

  it('refuses a malformed request, keeps a saved one', () => {
    assert.equal(parseDashboardMessage({ type: 'machines', request: { sort: 'speed' } }).ok, false);
    const saved = { model: 'qwen3:8b', sort: 'localscore' };
    const state = { query: { filter: {} }, selected: [], view: 'machines', machines: saved };
    assert.deepEqual(parseDashboardState(state)?.machines, saved);
  });
});
