// The workload figures in every tabular export (single figures as they are, the SLO and the
// levels in one cell each), in the dashboard's comparison, and in the HTML report (the depth
// curve, latency against rate with the SLO's lines and the knee).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sessionRows } from '../../../src/core/export/sessionRows';
import type { SessionDoc } from '../../../src/shared/dto';
import { SLO_PRESETS } from '../../../src/core/workloads/slo';
import { renderHtmlReport } from '../../../src/core/report/htmlReport';
import { buildCompareView, sessionSubjects } from '../../../src/core/dashboard/compare';
import { session as storedSession } from '../../fixtures/storeDocuments';

describe('exports', () => {
  it('carry the depth and rate levels, the SLO and the prefix figures', () => {
    const session = {
      _id: 's1',
      start_time: '2026-01-01T00:00:00.000Z',
      status: 'completed',
      tags: [],
      machine: 'm',
      models: [
        {
          name: 'llama3.2:3b',
          tests: [
            {
              type: 'rate',
              status: 'completed',
              logs: [],
              metrics: {
                flags: [],
                goodput_rps: 2,
                max_sustainable_rps: null,
                slo: SLO_PRESETS.interactive,
                ttft_warm_ms: 12,
                depth_levels: [{ depth: 0, prompt_tokens: 9, tokens_per_second: 50 }],
              },
            },
          ],
        },
      ],
    } as unknown as SessionDoc;
    const [row] = sessionRows([session]);
    assert.equal(row?.goodput_rps, 2);
    assert.equal(row?.max_sustainable_rps, 0);
    assert.equal(row?.ttft_warm_ms, 12);
    assert.equal(row?.slo, 'interactive {"ttft_ms":500,"tpot_ms":30}');
    assert.equal(row?.depth_levels, '[{"depth":0,"prompt_tokens":9,"tokens_per_second":50}]');
    assert.equal(row?.rate_levels, undefined);
  });
});

describe('the HTML report', () => {
  it('charts the depth curve and latency against rate with the SLO and the knee', () => {
    const level = (rate_rps: number, ttft: number, meets_slo: boolean, knee?: boolean) => ({
      mode: 'poisson' as const,
      rate_rps,
      achieved_rps: rate_rps,
      goodput_rps: rate_rps,
      output_tokens_per_second: 10,
      requests: 10,
      completed: 10,
      failed: 0,
      ttft_ms_p90: ttft,
      tpot_ms_p90: 20,
      e2e_ms_p90: ttft + 200,
      max_in_flight: 2,
      meets_slo,
      ...(knee ? { knee } : {}),
    });
    const s = {
      ...storedSession('llama3.2:3b', {
        types: ['depth', 'rate'],
        metrics: {
          depth_levels: [
            { depth: 0, prompt_tokens: 9, tokens_per_second: 50, ttft_ms: 20 },
            { depth: 2048, prompt_tokens: 2057, tokens_per_second: 40, ttft_ms: 200 },
          ],
          rate_levels: [level(1, 100, true), level(2, 400, true, true), level(4, 900, false)],
          slo: SLO_PRESETS.interactive,
          max_sustainable_rps: 2,
        },
      }),
      _id: 'r1',
    };
    const html = renderHtmlReport({
      session: s,
      hardware: undefined,
      results: [],
      comparisons: [],
      toolVersion: 'test',
      generatedAt: s.start_time,
    });
    assert.match(html, /speed against context depth/);
    assert.match(html, /p90 latency against arrival rate/);
    assert.match(html, /knee: 2 req\/s/);
    assert.match(html, /SLO TTFT/);
  });
});

describe('the comparison', () => {
  it('compares goodput and the sustainable rate (higher is better) and the warm TTFT', () => {
    const run = (id: string, goodput: number, sustainable: number | null) => ({
      ...storedSession('llama3.2:3b', {
        types: ['rate'],
        metrics: { goodput_rps: goodput, max_sustainable_rps: sustainable, ttft_warm_ms: 10 },
      }),
      _id: id,
    });
    const view = buildCompareView(sessionSubjects([run('a', 4, 5), run('b', 2, null)]));
    const row = (f: string) => view.rows.find((r) => r.figure === f);
    assert.deepEqual([row('goodput_rps')?.values, row('goodput_rps')?.better], [[4, 2], 'higher']);
    assert.deepEqual(row('max_sustainable_rps')?.values, [5, null]);
    assert.equal(row('ttft_warm_ms')?.better, 'lower');
  });
});
