// The definitions every part of the product reads the same way: a test's tokens/s and a session's
// best (the sessions table, its store-side sort, the CLI history and the end-of-run summary), the
// export formats, and byte sizes (Models tree, CLI and dashboard).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { historyTable } from '../../src/cli/historyCommand';
import { sessionSummary } from '../../src/core/bench/progressText';
import { toSessionRow } from '../../src/core/dashboard/sessionRow';
import { describeModel } from '../../src/core/ollama/modelPresentation';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import { openStore } from '../../src/core/repositories/openStore';
import { formatBytes } from '../../src/shared/byteSize';
import type { SessionDoc } from '../../src/shared/dto';
import { EXPORT_FORMATS, isExportFormat } from '../../src/shared/exportFormats';
import { parseDashboardMessage } from '../../src/shared/protocolGuards';
import { bestTokensPerSecond, testTokensPerSecond } from '../../src/shared/throughput';
import { fmtBytes, NOT_AVAILABLE } from '../../webview/lib/format';
import { sessionDoc } from './dashboardSessions';

/** A concurrency test whose per-stream rate is low and whose aggregate is high. */
function withConcurrency(s: SessionDoc, perStream: number | undefined, aggregate: number) {
  s.models[0]!.tests.push({
    type: 'K',
    status: 'completed',
    logs: [],
    metrics: {
      ...(perStream !== undefined ? { tokens_per_second: perStream } : {}),
      aggregate_tokens_per_second: aggregate,
      flags: [],
    },
  });
  return s;
}

describe("a test's tokens/s", () => {
  it('is the per-stream rate, also for a concurrency test that has an aggregate', () => {
    assert.equal(
      testTokensPerSecond({ tokens_per_second: 30, aggregate_tokens_per_second: 95 }),
      30,
    );
  });
  it('falls back to the aggregate only when there is no per-stream rate', () => {
    assert.equal(testTokensPerSecond({ aggregate_tokens_per_second: 95 }), 95);
  });
  it('is undefined when absent or not a finite number', () => {
    assert.equal(testTokensPerSecond({}), undefined);
    assert.equal(testTokensPerSecond(undefined), undefined);
    assert.equal(testTokensPerSecond({ tokens_per_second: Number.NaN }), undefined);
  });
});

describe("a session's best tokens/s", () => {
  it('is the highest test rate over every model and test, and names where it was', () => {
    const s = sessionDoc('2025-01-01T10:00:00.000Z', {
      a: [{ type: 'A', tps: 40 }],
      b: [
        { type: 'A', tps: 55 },
        { type: 'B', tps: 12 },
      ],
    });
    assert.deepEqual(bestTokensPerSecond(s), { tokensPerSecond: 55, model: 'b', test: 'A' });
  });
  it('counts what a failed test finished, keeps the first of a tie, and is undefined without rates', () => {
    const s = sessionDoc('2025-01-01T10:00:00.000Z', {
      a: [{ type: 'A', tps: 40 }],
      b: [{ type: 'A', tps: 70, status: 'error' }],
      c: [{ type: 'A', tps: 70 }],
    });
    assert.deepEqual(bestTokensPerSecond(s), { tokensPerSecond: 70, model: 'b', test: 'A' });
    assert.equal(
      bestTokensPerSecond(sessionDoc('2025-01-01T10:00:00.000Z', { a: [{ type: 'A' }] })),
      undefined,
    );
  });
  it('does not let a concurrency aggregate outrank single-stream rates', () => {
    const s = withConcurrency(
      sessionDoc('2025-01-01T10:00:00.000Z', { a: [{ type: 'A', tps: 40 }] }),
      25,
      95,
    );
    assert.equal(bestTokensPerSecond(s)?.tokensPerSecond, 40);
  });
});

describe('best tokens/s reads the same in the table, its sort, the CLI and the summary', () => {
  let dir: string;
  let store: OpenedStore;
  // Only an aggregate: its best is 95 everywhere. The old store key (per-stream only) had none.
  const aggregateOnly = withConcurrency(
    sessionDoc('2025-01-01T10:00:00.000Z', { a: [{ type: 'A' }] }),
    undefined,
    95,
  );
  const plain = sessionDoc('2025-01-02T10:00:00.000Z', { b: [{ type: 'A', tps: 60 }] });
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ob-best-'));
    store = await openStore(dir, {});
    await store.sessions.insertSession(aggregateOnly);
    await store.sessions.insertSession(plain);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sorts the sessions by the number their rows show', async () => {
    const page = await store.sessions.querySessions({
      filter: {},
      sort: { field: 'tokens_per_second', direction: 'desc' },
    });
    const rows = page.items.map(toSessionRow);
    assert.deepEqual(
      rows.map((r) => r.best_tokens_per_second),
      [95, 60],
    );
    assert.match(historyTable(page.items).split('\n')[1]!, /\s95\.0\s/);
    assert.match(sessionSummary(page.items[0]!), /Fastest: a · K at 95\.00 tok\/s\./);
  });
});

describe('export formats', () => {
  it('are one list that the message check and the CLI both accept', () => {
    assert.deepEqual([...EXPORT_FORMATS], ['csv', 'json', 'md']);
    for (const format of EXPORT_FORMATS) {
      assert.ok(isExportFormat(format));
      const msg = parseDashboardMessage({
        type: 'export',
        format,
        ids: [],
        filter: {},
        destination: 'file',
      });
      assert.ok(msg.ok && msg.value.type === 'export' && msg.value.format === format);
    }
    assert.equal(isExportFormat('xlsx'), false);
  });
});

describe('byte sizes', () => {
  it('are decimal (1 GB = 10^9 bytes), as ollama list prints them', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(2_019_393_189), '2.0 GB');
    assert.equal(formatBytes(1_500_000), '1.5 MB');
    assert.equal(formatBytes(999_960), '1.0 MB');
    assert.equal(formatBytes(3.2e12), '3.2 TB');
  });
  it('read the same in the Models tree and the dashboard', () => {
    const size = 4_920_753_328;
    assert.match(
      describeModel({ name: 'm', digest: 'd', size, parameter_size: '8B', loaded: false }),
      /4\.9 GB$/,
    );
    assert.equal(fmtBytes(size), '4.9 GB');
    assert.equal(fmtBytes(undefined), NOT_AVAILABLE);
  });
});
