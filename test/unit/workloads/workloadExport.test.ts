// The workload figures in every tabular export: single figures as they are, the SLO and the
// levels in one cell each.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sessionRows } from '../../../src/core/export/sessionRows';
import type { SessionDoc } from '../../../src/shared/dto';
import { SLO_PRESETS } from '../../../src/core/workloads/slo';

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
