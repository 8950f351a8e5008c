// CSV / JSON / Markdown exports: pure functions over session documents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportSessions, toCsv, toMarkdown } from '../../src/core/export/formats';
import { sessionRows } from '../../src/core/export/sessionRows';
import type { SessionDoc } from '../../src/shared/dto';
import { runOptions } from '../fixtures/runOptions';

const s: SessionDoc = {
  _id: '6500000000000000000000aa',
  status: 'completed',
  start_time: '2025-03-01T10:00:00.000Z',
  end_time: '2025-03-01T10:05:00.000Z',
  tags: ['night', 'a,b'],
  machine: 'box "one"',
  models: [
    {
      name: 'llama3.2:3b',
      load_time: 900,
      tests: [
        {
          type: 'A',
          status: 'completed',
          metrics: { tokens_per_second: 41.256, ttft_ms: 120, flags: ['unstable'] },
          logs: [],
        },
        { type: '=HYPERLINK("x")', status: 'error', metrics: { flags: [] }, logs: [] },
      ],
    },
    { name: 'qwen|7b', tests: [] },
  ],
  options: runOptions({ repetitions: 3, warmup: true }),
  created_at: '2025-03-01T10:00:00.000Z',
  updated_at: '2025-03-01T10:05:00.000Z',
};

describe('exports', () => {
  it('flattens one row per session, model and test', () => {
    const rows = sessionRows([s]);
    assert.equal(rows.length, 3);
    assert.equal(rows[0]!.tokens_per_second, 41.256);
    assert.equal(rows[0]!.load_time, 900, 'the model load time fills a test without its own');
    assert.equal(rows[0]!.flags, 'unstable');
    assert.equal(rows[2]!.model, 'qwen|7b');
    assert.equal(rows[2]!.test_type, undefined);
  });

  it('writes RFC 4180 CSV that a spreadsheet will not execute', () => {
    const lines = toCsv([s]).split('\r\n');
    assert.equal(lines.length, 5); // header, 3 rows, trailing empty
    assert.ok(
      lines[1]!.startsWith(
        '6500000000000000000000aa,2025-03-01T10:00:00.000Z,2025-03-01T10:05:00.000Z,completed,"night;a,b","box ""one""",llama3.2:3b,A,completed,41.256,,,,,,120,',
      ),
    );
    assert.match(lines[2]!, /,"'=HYPERLINK\(""x""\)",error,/);
  });

  it('writes a Markdown table with pipes escaped and absent figures as –', () => {
    const md = toMarkdown([s]);
    assert.match(
      md,
      /^# Ollama Bench results\n\n1 session\(s\), 3 result row\(s\)\.\n\n\| Started \| Model \|/,
    );
    assert.match(
      md,
      /\| 2025-03-01T10:00:00\.000Z \| llama3\.2:3b \| A \| completed \| 41\.26 \| – \| 120 \|/,
    );
    assert.match(md, /\| qwen\\\|7b \|/);
  });

  it('writes JSON as the stored session documents', () => {
    assert.deepEqual(JSON.parse(exportSessions([s], 'json')), [s]);
  });
});
