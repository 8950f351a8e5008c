// Baseline choice (same machine, model, test and options; up to 5 sessions back; a pin wins) and
// what changed between a baseline and a candidate.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chooseBaseline,
  PINNED_BASELINE_TAG,
  resultSlots,
  type ResultSlot,
} from '../../src/core/trends/baseline';
import { optionsKey } from '../../src/core/trends/comparableKey';
import { changesText, contextChanges } from '../../src/core/trends/contextChanges';
import type { RunOptions, SessionDoc } from '../../src/shared/dto';

const options = (numCtx = 4096, numPredict = 256): RunOptions => ({
  host: 'http://a:11434',
  suites: ['A'],
  repetitions: 5,
  warmup: true,
  num_ctx: numCtx,
  seed: 42,
  temperature: 0,
  keep_alive: '10m',
  suite_options: { A: { num_predict: numPredict, num_ctx: numCtx, seed: 42, temperature: 0 } },
});

function slot(id: string, day: number, over: Partial<ResultSlot> = {}): ResultSlot {
  return {
    sessionId: id,
    start: `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`,
    machine: 'm1',
    model: 'llama3.2:3b',
    test: 'A',
    optionsKey: optionsKey(options(), 'A'),
    pinned: false,
    ...over,
  };
}

describe('baseline choice', () => {
  const cand = slot('c', 20);

  it('takes the previous comparable results, newest first, up to 5 sessions back', () => {
    const history = [1, 2, 3, 4, 5, 6, 7].map((d) => slot(`s${d}`, d));
    const choice = chooseBaseline(cand, history);
    assert.equal(choice.pinned, false);
    assert.deepEqual(
      choice.slots.map((s) => s.sessionId),
      ['s7', 's6', 's5', 's4', 's3'],
    );
  });

  it('skips other machines, models, tests, options and later sessions; a digest may differ', () => {
    const history = [
      slot('other-machine', 10, { machine: 'm2' }),
      slot('other-model', 11, { model: 'qwen3:0.6b' }),
      slot('other-test', 12, { test: 'B' }),
      slot('other-ctx', 13, { optionsKey: optionsKey(options(8192), 'A') }),
      slot('later', 25),
      slot('c', 20, { test: 'A' }), // the candidate itself
      slot('new-digest', 9, { digest: 'sha256:bbb' }),
    ];
    assert.deepEqual(
      chooseBaseline(cand, history).slots.map((s) => s.sessionId),
      ['new-digest'],
    );
  });

  it('a pinned session wins over newer comparable ones, even with other options', () => {
    const history = [
      slot('s1', 1),
      slot('pinned-old', 2, { pinned: true, optionsKey: 'different' }),
      slot('s3', 3),
    ];
    const choice = chooseBaseline(cand, history);
    assert.equal(choice.pinned, true);
    assert.deepEqual(
      choice.slots.map((s) => s.sessionId),
      ['pinned-old'],
    );
  });

  it('nothing comparable: an empty baseline', () => {
    assert.deepEqual(chooseBaseline(cand, [slot('x', 1, { machine: 'm9' })]).slots, []);
  });

  it('options key: the same for host, repetitions and keep_alive; different for num_ctx or num_predict', () => {
    const a = optionsKey(options(), 'A');
    assert.equal(
      a,
      optionsKey({ ...options(), host: 'http://b', repetitions: 9, keep_alive: '1h' }, 'A'),
    );
    assert.notEqual(a, optionsKey(options(8192), 'A'));
    assert.notEqual(a, optionsKey(options(4096, 128), 'A'));
  });

  it('a session gives one slot per completed test, pinned by its tag', () => {
    const s = session('x', '0.12.6', 'sha256:aaa');
    s.tags = [PINNED_BASELINE_TAG];
    s.models[0]!.tests.push({ type: 'B', status: 'error', metrics: { flags: [] }, logs: [] });
    const slots = resultSlots(s);
    assert.equal(slots.length, 1);
    assert.equal(slots[0]!.pinned, true);
    assert.equal(slots[0]!.digest, 'sha256:aaa');
  });
});

function session(id: string, version: string, digest: string, numCtx = 4096): SessionDoc {
  return {
    _id: id,
    status: 'completed',
    start_time: '2026-01-01T10:00:00.000Z',
    models: [
      {
        name: 'llama3.2:3b',
        digest,
        tests: [{ type: 'A', status: 'completed', metrics: { flags: [] }, logs: [] }],
      },
    ],
    tags: [],
    options: options(numCtx),
    ollama_version: version,
    gpu_driver: '550.54',
    created_at: '2026-01-01T10:00:00.000Z',
    updated_at: '2026-01-01T10:00:00.000Z',
  };
}

describe('what changed between baseline and candidate', () => {
  it('names Ollama version, model digest, GPU driver and num_ctx', () => {
    const a = session('a', '0.12.6', 'sha256:aaaaaaaaaaaaaaaa');
    const b = { ...session('b', '0.13.0', 'sha256:bbbbbbbbbbbbbbbb', 8192), gpu_driver: '560.1' };
    const changes = contextChanges(a, b, ['llama3.2:3b'], ['A']);
    assert.deepEqual(changes, {
      ollama_version: ['0.12.6', '0.13.0'],
      gpu_driver: ['550.54', '560.1'],
      num_ctx: ['4096', '8192'],
      model_digest: ['sha256:aaaaaaaaaaaaaaaa', 'sha256:bbbbbbbbbbbbbbbb'],
    });
    assert.equal(
      changesText(changes),
      'Ollama 0.12.6 → 0.13.0, GPU driver 550.54 → 560.1, num_ctx 4096 → 8192, model digest aaaaaaaaaaaa → bbbbbbbbbbbb',
    );
  });

  it('nothing changed, or a value one side never recorded: no change', () => {
    const a = session('a', '0.12.6', 'sha256:aaa');
    assert.deepEqual(
      contextChanges(a, session('b', '0.12.6', 'sha256:aaa'), ['llama3.2:3b'], ['A']),
      {},
    );
    const old = { ...a, ollama_version: undefined, gpu_driver: undefined };
    assert.deepEqual(
      contextChanges(old, session('b', '0.13.0', 'sha256:aaa'), ['llama3.2:3b'], ['A']),
      {},
    );
  });

  it('a suite option other than num_ctx is a change of that test’s options', () => {
    const a = session('a', '0.12.6', 'sha256:aaa');
    const b = { ...session('b', '0.12.6', 'sha256:aaa'), options: options(4096, 128) };
    assert.deepEqual(contextChanges(a, b, ['llama3.2:3b'], ['A']), {
      'options:A': [
        'num_ctx 4096, num_predict 256, seed 42, temperature 0',
        'num_ctx 4096, num_predict 128, seed 42, temperature 0',
      ],
    });
  });
});
