// The Models tree with the fit advisor's verdict: the estimate for an idle model (icon,
// description, tooltip), and where a loaded model really runs winning over the estimate; and the
// fit of the stand-in's models read through /api/show.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fitMachine, fitModels, fitSentence } from '../../src/core/fit/modelFits';
import { modelRow } from '../../src/core/models/modelTree';
import type { ModelInfo } from '../../src/shared/dto';
import type { FitReport } from '../../src/shared/fitReport';
import { DEFAULT_MODELS, startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';

const model: ModelInfo = {
  name: 'llama3.1:70b',
  digest: 'abc',
  size: 42_520_413_916,
  parameter_size: '70.6B',
  quantization_level: 'Q4_K_M',
  loaded: false,
};
const partial: FitReport = {
  model: 'llama3.1:70b',
  params: 70_553_706_496,
  bits_per_weight: 4.85,
  weights_bytes: 51_327_821_476,
  kv_bytes: 2_684_354_560,
  total_bytes: 54_012_176_036,
  vram_bytes: 24_000_000_000,
  verdict: 'partial',
  gpu_share: 0.4443,
  max_num_ctx_in_vram: null,
};

describe('Models tree fit verdicts', () => {
  it('shows the estimate of an idle model as icon, tooltip and screen-reader label', () => {
    const row = modelRow(model, { report: partial, numCtx: 8192 });
    assert.equal(row.icon, 'fit-partial');
    assert.equal(row.description, '70.6B · Q4_K_M · 42.5 GB');
    assert.equal(
      row.accessibilityLabel,
      'llama3.1:70b, 70.6B · Q4_K_M · 42.5 GB, would spill to CPU',
    );
    assert.match(
      row.tooltip,
      /Fit \(estimate\): would spill to CPU at num\\_ctx 8,192; needs ≈ 54\.0 GB of 24\.0 GB VRAM; about 56 % on the CPU/,
    );
  });

  it('shows where a loaded model really runs instead of the estimate', () => {
    const row = modelRow(
      { ...model, loaded: true, size_vram: 24e9, vram_share: 0.45 },
      { report: partial, numCtx: 8192 },
    );
    assert.equal(row.icon, 'loaded-partial');
    assert.match(row.tooltip, /Fit \(estimate\)/);
  });

  it('says what the run would ask', () => {
    assert.equal(
      fitSentence(partial, 8192),
      'llama3.1:70b at num_ctx 8192 needs ≈ 54.0 GB; this GPU has 24.0 GB: about 56 % would run on the CPU.',
    );
  });
});

describe('fitModels over /api/show', () => {
  let standIn: StandIn;
  before(async () => {
    standIn = await startOllamaStandIn({ models: DEFAULT_MODELS });
  });
  after(() => standIn.close());

  it('estimates each model with its geometry; a setting overrides the GPU memory', async () => {
    const machine = await fitMachine('4GB', async () => ({ gpu: [], ram: { total: 16e9 } }));
    assert.deepEqual(machine, { vramBytes: 4e9, ramBytes: 16e9 });
    const fits = await fitModels(standIn.url, DEFAULT_MODELS, {
      numCtx: 4096,
      kvCacheType: 'f16',
      machine,
    });
    assert.equal(fits.get('llama3.2:3b')!.verdict, 'fits');
    assert.equal(fits.get('llama3.2:3b')!.total_bytes, 2_807_037_592);
    assert.equal(fits.get('mistral:7b-instruct-q8_0')!.verdict, 'partial');
    const auto = await fitMachine('auto', async () => ({ gpu: [], ram: { total: 16e9 } }));
    assert.deepEqual(auto, { vramBytes: undefined, ramBytes: 16e9 });
  });
});
