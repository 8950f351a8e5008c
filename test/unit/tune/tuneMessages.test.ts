// The dashboard's Tune view on the host side: the last tune, Copy Modelfile, Create Tuned Model,
// and the guard that lets exactly these messages through.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerTune, type TuneCaps } from '../../../src/host/panels/tuneMessages';
import type { HostToDashboard } from '../../../src/shared/protocol';
import { parseDashboardMessage } from '../../../src/shared/protocolGuards';
import type { TuneView } from '../../../src/shared/tuneView';

const view: TuneView = {
  host: 'http://127.0.0.1:11434',
  answer: {
    model: 'llama3.2:3b',
    goal: 'decode',
    tune_id: 'tune-1',
    unit: 'tokens/s',
    default: { options: { num_ctx: 4096 }, value: 820, ci95: [810, 830] },
    best: {
      options: { num_gpu: 20, num_ctx: 4096 },
      value: 1000,
      ci95: [990, 1010],
      gain_pct: 22,
      gain_ci95: [19, 25],
    },
    confirmation: 'separated',
    trials: [],
    grid_trials: 348,
    elapsed_ms: 1000,
    modelfile: 'FROM llama3.2:3b\nPARAMETER num_gpu 20\n',
    command: 'ollama create llama3.2:3b-tuned -f Modelfile',
    server_settings: [],
    search_space: [],
  },
};

describe('dashboard: the Tune view’s messages', () => {
  it('answers with the last tune, copies its Modelfile and asks to create the tuned model', async () => {
    const posted: HostToDashboard[] = [];
    const copied: string[] = [];
    let created = 0;
    const caps: TuneCaps = { current: () => view, createTuned: async () => void created++ };
    const post = (m: HostToDashboard) => void posted.push(m);
    const copy = async (t: string) => void copied.push(t);
    await answerTune({ type: 'tune' }, caps, post, copy);
    await answerTune({ type: 'copyModelfile' }, caps, post, copy);
    await answerTune({ type: 'createTunedModel' }, caps, post, copy);
    assert.deepEqual(posted[0], { type: 'tune', view });
    assert.deepEqual(copied, [view.answer.modelfile]);
    assert.equal(created, 1);
    const none: TuneCaps = { current: () => undefined, createTuned: async () => undefined };
    await answerTune({ type: 'tune' }, none, post, copy);
    assert.deepEqual(posted.at(-1), { type: 'tune' });
    await assert.rejects(answerTune({ type: 'copyModelfile' }, none, post, copy), /no tune/);
  });

  it('the guard lets the Tune messages through and refuses extra fields', () => {
    for (const type of ['tune', 'copyModelfile', 'createTunedModel'])
      assert.deepEqual(parseDashboardMessage({ type }), { ok: true, value: { type } });
    assert.equal(parseDashboardMessage({ type: 'createTunedModel', model: 'x' }).ok, false);
  });
});
