// The Models tree's rows: label, the one-line description, the load wording and the tooltip.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelRow, modelTooltip } from '../../src/core/models/modelTree';
import type { ModelInfo } from '../../src/shared/dto';

const llama: ModelInfo = {
  name: 'llama3.2:3b',
  digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
  size: 2_019_393_189,
  family: 'llama',
  parameter_size: '3.2B',
  quantization_level: 'Q4_K_M',
  format: 'gguf',
  context_length: 131072,
  capabilities: ['completion', 'tools'],
  loaded: false,
};

describe('modelRow', () => {
  it('labels a model by name and describes it in one line', () => {
    const row = modelRow(llama);
    assert.equal(row.label, 'llama3.2:3b');
    assert.equal(row.id, 'llama3.2:3b');
    assert.equal(row.description, '3.2B · Q4_K_M · 2.0 GB');
    assert.equal(row.icon, 'idle');
    assert.equal(row.contextValue, 'model');
  });

  it('marks a model loaded fully in VRAM', () => {
    const row = modelRow({ ...llama, loaded: true, size_vram: llama.size, vram_share: 1 });
    assert.equal(row.icon, 'loaded-gpu');
    assert.equal(row.contextValue, 'model.loaded');
    assert.equal(row.description, '3.2B · Q4_K_M · 2.0 GB — loaded · 100 % GPU');
  });

  it('says when a loaded model sits partly on the CPU', () => {
    const row = modelRow({ ...llama, loaded: true, size_vram: 800_000_000, vram_share: 0.4 });
    assert.equal(row.icon, 'loaded-partial');
    assert.match(row.description, /loaded · 40 % GPU, partly on CPU$/);
    assert.match(row.tooltip, /Status: loaded · 40 % GPU, partly on CPU/);
  });

  it('tells a CPU-only load apart', () => {
    const row = modelRow({ ...llama, loaded: true, size_vram: 0, vram_share: 0 });
    assert.equal(row.icon, 'loaded-cpu');
    assert.match(row.description, /on CPU only/);
  });

  it('leaves out what is unknown instead of printing "undefined"', () => {
    const bare: ModelInfo = { name: 'x', digest: '', size: 1000, loaded: false };
    const row = modelRow(bare);
    assert.equal(row.description, '1.0 KB');
    assert.doesNotMatch(row.tooltip, /undefined/);
    assert.doesNotMatch(row.tooltip, /Context length/);
  });
});

describe('modelTooltip', () => {
  it('lists the rest: family, context length, capabilities, status, digest', () => {
    const tip = modelTooltip(llama);
    assert.match(tip, /^\*\*llama3\.2:3b\*\*/);
    assert.match(tip, /Family: llama/);
    assert.match(tip, /Context length: 131,072/);
    assert.match(tip, /Capabilities: completion, tools/);
    assert.match(tip, /Status: not loaded/);
    assert.match(tip, /Digest: a80c4f17acd5/);
  });

  it('escapes Markdown coming from the server', () => {
    const tip = modelTooltip({ ...llama, name: 'evil_[x](command:rm)' });
    assert.doesNotMatch(tip, /\[x\]\(command/);
  });
});
