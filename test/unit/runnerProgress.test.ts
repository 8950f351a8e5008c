// What the host shows while and after a session runs: progress text, the model a command was
// invoked for, and the summary sentence.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  modelNameOf,
  ProgressTracker,
  repetitionsPerModel,
  sessionSummary,
} from '../../src/core/bench/progressText';
import { resultTable } from '../../src/core/bench/resultTable';
import { BUILTIN_SUITES } from '../../src/core/bench/suites';
import type { SessionDoc } from '../../src/shared/dto';
import type { BenchEvent } from '../../src/shared/events';
import { placeholderFigures } from '../fixtures/testResults';
import { sessionDoc } from './dashboardSessions';

describe('progress text', () => {
  it('takes the model from a name, a ModelInfo or a tree item', () => {
    assert.equal(modelNameOf('llama3.2:3b'), 'llama3.2:3b');
    assert.equal(modelNameOf({ name: 'qwen3:0.6b', loaded: false }), 'qwen3:0.6b');
    assert.equal(modelNameOf({ model: { name: 'mistral:7b' } }), 'mistral:7b');
    assert.equal(modelNameOf(undefined), undefined);
    assert.equal(modelNameOf({ label: 'x' }), undefined);
    assert.equal(modelNameOf('  '), undefined);
  });
  it('counts concurrency windows as repetitions', () => {
    // A: 3, B: 3, C: 3 levels × 3, E: 3 batch sizes × 3, V: 3; depth: 4 depths × 3, prefix: 4
    // questions × 3, rate: 1 level
    assert.equal(repetitionsPerModel(BUILTIN_SUITES, 3), 52);
  });
  it('says model, test and repetition', () => {
    const p = new ProgressTracker();
    const steps: [BenchEvent, string | undefined][] = [
      [{ type: 'model-started', model: 'm', t: 0 }, 'm: cold load…'],
      [
        { type: 'model-loaded', model: 'm', load_time_ms: 1234.4, load_wall_ms: 1530, t: 0 },
        'm: cold load 1234 ms (1530 ms to the first token)',
      ],
      [
        { type: 'test-started', model: 'm', test: 'A', repetitions: 3, planned: 3, t: 0 },
        'm · A · repetition 1 of 3',
      ],
      [
        {
          type: 'repetition-done',
          model: 'm',
          test: 'A',
          figures: placeholderFigures(0, { nonce: '' }),
          done: 1,
          planned: 3,
          t: 0,
        },
        'm · A · repetition 2 of 3',
      ],
      [
        { type: 'test-started', model: 'm', test: 'C', repetitions: 2, planned: 6, t: 0 },
        'm · C · repetition 1 of 6',
      ],
      [{ type: 'log', level: 'info', message: 'x', t: 0 }, undefined],
    ];
    for (const [event, text] of steps) assert.equal(p.update(event), text, event.type);
    assert.equal(p.finished, 1);
  });
});

describe('session summary and table', () => {
  const session = (status: SessionDoc['status']): SessionDoc => ({
    _id: 's1',
    status,
    start_time: '2025-01-01T10:00:00.000Z',
    end_time: '2025-01-01T10:01:05.000Z',
    tags: [],
    options: { ...sessionDoc('2025-01-01T10:00:00.000Z', {}).options, host: 'h', suites: ['A'] },
    created_at: '',
    updated_at: '',
    models: [
      {
        name: 'fast',
        load_time: 812.3,
        tests: [
          {
            type: 'A',
            status: 'completed',
            logs: [],
            metrics: {
              tokens_per_second: 61.19,
              prompt_tokens_per_second: 199.88,
              ttft_ms: 120.4,
              tpot_ms: 16.3,
              load_time: 812.3,
              flags: ['unstable'],
            },
          },
        ],
      },
      {
        name: 'gone',
        tests: [
          status === 'error'
            ? {
                type: 'A',
                status: 'error',
                logs: [],
                metrics: { flags: [] },
                error: "model 'gone' not found at h",
              }
            : {
                type: 'A',
                status: 'completed',
                logs: [],
                metrics: { tokens_per_second: 20, flags: [] },
              },
        ],
      },
    ],
  });
  it('names the fastest result, the duration and flagged results', () => {
    assert.equal(
      sessionSummary(session('completed')),
      'Benchmark completed: 2 tests on 2 models in 1 min 5 s. Fastest: fast · A at 61.19 tok/s. 1 result flagged (see details).',
    );
  });
  it('names the first failure', () => {
    assert.equal(
      sessionSummary(session('error')),
      "Benchmark finished with errors: 1 of 2 tests failed. First: gone · A: model 'gone' not found at h. Fastest: fast · A at 61.19 tok/s.",
    );
  });
  it('tabulates model × test', () => {
    const lines = resultTable(session('error')).split('\n');
    assert.equal(lines.length, 3);
    assert.match(
      lines[1]!,
      /^fast\s+A\s+completed\s+61\.2\s+199\.9\s+120\s+16\.3\s+812\s+unstable$/,
    );
    assert.match(lines[2]!, /^gone\s+A\s+error\s+-\s+-\s+-\s+-\s+-\s+-$/);
  });
});
