import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOllamaClient } from '../../../src/core/ollama/ollamaClient';
import {
  compareOutputs,
  summariseDrift,
  topOverlap,
  type TokenChoice,
} from '../../../src/core/quality/driftMaths';
import { compareDrift } from '../../../src/core/quality/driftRunner';
import { evalModels } from '../../../src/core/quality/evalModels';
import { resolveEvalOptions } from '../../../src/core/quality/evalOptions';
import { selectItems } from '../../../src/core/quality/evalSelection';
import { failureKindOf } from '../../../src/core/failures/failureKind';
import { coreSet, startEvalStandIn } from '../../fixtures/evalStandIn';
import { idShare, type StandIn } from '../../fixtures/ollamaStandIn';

const out = (...tokens: [string, string[]][]): TokenChoice[] =>
  tokens.map(([token, top]) => ({ token, top }));

describe('drift maths', () => {
  it('top-5 overlap: the share of alternatives in common', () => {
    assert.equal(topOverlap(['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'c', 'x', 'y']), 0.6);
    assert.equal(topOverlap(['a', 'b', 'c', 'd', 'e', 'f'], ['f', 'a', 'b', 'c', 'd']), 0.8);
    assert.equal(topOverlap([], []), undefined);
  });

  it('compares two outputs token by token, worked by hand', () => {
    const ref = out(['The', ['The', 'A']], [' cat', [' cat', ' dog']], [' sat', [' sat', ' ran']]);
    // Identical: no divergence; overlap 1 and 1 and 1 over three positions.
    assert.deepEqual(compareOutputs(ref, ref), {
      identical: true,
      firstDivergence: null,
      overlapSum: 3,
      overlapPositions: 3,
    });
    // Parts at token 2; before it the alternatives overlap 1/2 and 2/2.
    const cand = out(
      ['The', ['The', 'An']],
      [' cat', [' cat', ' dog']],
      [' ran', [' ran', ' sat']],
    );
    assert.deepEqual(compareOutputs(ref, cand), {
      identical: false,
      firstDivergence: 2,
      overlapSum: 1.5,
      overlapPositions: 2,
    });
    // A prefix diverges where it ends.
    assert.equal(compareOutputs(ref, ref.slice(0, 1)).firstDivergence, 1);
    // Summary: 1 of 3 identical; divergences at 2 and 1 → mean 1.5; overlap (3 + 1.5 + 1) / 6.
    const s = summariseDrift([
      compareOutputs(ref, ref),
      compareOutputs(ref, cand),
      compareOutputs(ref, ref.slice(0, 1)),
    ]);
    assert.equal(s.items, 3);
    assert.equal(s.identical_share, 1 / 3);
    assert.equal(s.mean_first_divergence, 1.5);
    assert.equal(s.mean_top5_overlap, 5.5 / 6);
  });
});

describe('drift against a server', () => {
  const set = coreSet();
  let standIn: StandIn;
  let old: StandIn;
  before(async () => {
    standIn = await startEvalStandIn({ 'mistral:7b-instruct-q8_0': 0.6 });
    old = await startEvalStandIn({}, { logprobs: false });
  });
  after(async () => {
    await standIn.close();
    await old.close();
  });

  const drift = async (server: StandIn, reference: string, candidate: string) => {
    const client = createOllamaClient(server.url);
    const [r, c] = await evalModels(client, [reference, candidate]);
    assert.ok(r && c);
    return compareDrift(r, c, set, resolveEvalOptions({ limit: 20 }), {
      client,
      host: server.url,
    });
  };

  it('two quantizations of one family: identical share, first divergence, top-5 overlap', async () => {
    const r = await drift(standIn, 'llama3.2:3b', 'mistral:7b-instruct-q8_0');
    const asked = selectItems(set.items, 20);
    const same = asked.filter((i) => idShare(i.id) < 0.6).length;
    assert.equal(r.items, 20);
    assert.equal(r.identical_share, same / 20);
    // The candidate's wrong answer differs from its first token.
    assert.equal(r.mean_first_divergence, same < 20 ? 0 : null);
    // The stand-in's alternatives differ only in the one that names the quantization: 4 of 5.
    assert.ok(Math.abs((r.mean_top5_overlap ?? 0) - 0.8) < 1e-12, String(r.mean_top5_overlap));
    assert.equal(r.complete, true);
    const sent = standIn.requests.filter((q) => q.path === '/api/generate');
    assert.ok(sent.every((q) => q.body?.logprobs === true && q.body.top_logprobs === 5));
  });

  it('refuses models of different families', async () => {
    await assert.rejects(drift(standIn, 'llama3.2:3b', 'qwen3:0.6b'), (e: unknown) => {
      assert.match(String(e), /llama3\.2:3b is of family llama, qwen3:0\.6b of family qwen3/);
      assert.equal(failureKindOf(e), 'input');
      return true;
    });
  });

  it('refuses a server that returns no logprobs', async () => {
    await assert.rejects(
      drift(old, 'llama3.2:3b', 'mistral:7b-instruct-q8_0'),
      /returned no logprobs: drift needs an Ollama that reports them/,
    );
  });
});
