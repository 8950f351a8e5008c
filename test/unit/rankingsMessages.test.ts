// The dashboard's Rankings tab, host side, against the embedded store: the use cases, this
// machine's ranking (or the machine with results when this one has none), the Markdown export,
// and the protocol's guards for the tab's messages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createDashboardHandler,
  type DashboardCaps,
} from '../../src/host/panels/dashboardMessages';
import { type HostToDashboard } from '../../src/shared/protocol';
import { parseDashboardMessage, parseDashboardState } from '../../src/shared/protocolGuards';
import { openTempStore, type TempStore } from '../fixtures/tempStore';
import { hardware, session } from '../fixtures/storeDocuments';
import { runOptions } from '../fixtures/runOptions';

describe('Rankings tab (host side)', () => {
  let temp: TempStore;
  const posted: HostToDashboard[] = [];
  const opened: string[] = [];
  let here = 'fp-here';
  let handler: (raw: unknown) => Promise<void>;

  before(async () => {
    temp = await openTempStore();
    const hw = await temp.store.sessions.saveHardwareConfig(hardware('fp-elsewhere'));
    const at = Date.parse('2025-05-01T10:00:00.000Z');
    for (const [model, tps, ttft] of [
      ['a:1b', 90, 300],
      ['b:1b', 30, 50],
    ] as const)
      await temp.store.sessions.insertSession(
        session(model, {
          at,
          hw,
          loadTime: 500,
          metrics: { tokens_per_second: tps, ttft_ms: ttft, vram_usage: 1e9 },
          options: runOptions({ num_ctx: 4096 }),
        }),
      );
    const caps = {
      getStore: async () => temp.store,
      post: (m: HostToDashboard) => posted.push(m),
      log: { info() {}, warn() {}, error() {} },
      rankings: {
        thisMachine: async () => here,
        openMarkdown: async (text: string) => void opened.push(text),
      },
    } as unknown as DashboardCaps;
    handler = createDashboardHandler(caps);
  });
  after(() => temp.remove());

  it('ranks the machine with results when this one has none, naming it', async () => {
    await handler({ type: 'rankings', useCase: 'chat' });
    const msg = posted.pop();
    assert.equal(msg?.type, 'rankings');
    const view = (msg as Extract<HostToDashboard, { type: 'rankings' }>).view;
    assert.equal(view.useCase, 'chat');
    assert.equal(view.machine, 'fp-elsewhere');
    assert.match(view.machineLabel!, /AMD Ryzen 9 7950X · NVIDIA RTX 4090/);
    assert.deepEqual(
      view.useCases.map((u) => u.name),
      ['chat', 'long-documents', 'batch', 'code-completion', 'small-machine', 'team-server'],
    );
    assert.deepEqual(view.report!.ranking.map((m) => m.model).sort(), ['a:1b', 'b:1b']);
  });

  it('says this machine when it is the one ranked; an unknown use case falls back to the first', async () => {
    here = 'fp-elsewhere';
    await handler({ type: 'rankings', useCase: 'nope' });
    const view = (posted.pop() as Extract<HostToDashboard, { type: 'rankings' }>).view;
    assert.equal(view.useCase, 'chat');
    assert.match(view.machineLabel!, /^this machine/);
  });

  it('opens the Markdown the webview exported', async () => {
    await handler({ type: 'exportRanking', markdown: '# Model ranking' });
    assert.deepEqual(opened, ['# Model ranking']);
  });

  it('refuses malformed tab messages and restores the tab from the saved state', () => {
    assert.equal(parseDashboardMessage({ type: 'rankings', useCase: '' }).ok, false);
    assert.equal(parseDashboardMessage({ type: 'rankings', extra: 1 }).ok, false);
    assert.equal(
      parseDashboardMessage({ type: 'exportRanking', markdown: 'x'.repeat(200_001) }).ok,
      false,
    );
    assert.deepEqual(parseDashboardMessage({ type: 'rankings' }), {
      ok: true,
      value: { type: 'rankings' },
    });
    const state = parseDashboardState({
      query: { filter: {} },
      selected: [],
      view: 'rankings',
      rankingUseCase: 'batch',
    });
    assert.equal(state?.view, 'rankings');
    assert.equal(state?.rankingUseCase, 'batch');
  });
});
