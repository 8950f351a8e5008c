// Vision models on the stand-in: suite V sends the shipped, generated image with its prompt; the
// prefill holds the image's tokens and the text's, the decode the description; only models with
// the vision capability are offered it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_SUITES, withNumPredict } from '../../src/core/bench/suites';
import { suiteFitsModels } from '../../src/core/bench/capabilityCheck';
import { VISION_IMAGE_PNG_BASE64 } from '../../src/core/bench/visionImage';
import { visionImageModule, visionPng } from '../../scripts/visionImage';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODELS, IMAGE_TOKENS, VISION_MODEL } from '../fixtures/ollamaStandIn';
import { generations, refusedRun, run, standIn } from '../fixtures/runnerHarness';

const suiteV = withNumPredict([BUILTIN_SUITES.find((s) => s.name === 'V')!], 8)[0]!;
const models = [...DEFAULT_MODELS, VISION_MODEL];

describe('vision suites', () => {
  it('sends the shipped image with every request and measures prefill (image + text) and decode', async () => {
    const s = await standIn({ models });
    const { session, store } = await run(s, { models: [VISION_MODEL.name], suites: [suiteV] });
    assert.equal(session.status, 'completed', session.error);
    const measured = generations(s).filter((r) => r.body?.prompt);
    assert.equal(measured.length, 4, 'the warm-up and 3 repetitions');
    for (const r of measured) assert.deepEqual(r.body?.images, [VISION_IMAGE_PNG_BASE64]);
    const [result] = await store.sessions.getTestResults(session._id!);
    const textTokens = suiteV.prompts[0]!.split(/\s+/).length + 1; // + the nonce
    for (const rep of result!.metrics.repetitions) {
      assert.equal(rep.prompt_eval_count, IMAGE_TOKENS + textTokens);
      assert.equal(rep.eval_count, 8);
    }
    const metrics = session.models[0]!.tests[0]!.metrics;
    assert.ok(metrics.prompt_tokens_per_second! > 0 && metrics.tokens_per_second! > 0);
  });

  it('is refused for a model without the vision capability, before anything is stored', async () => {
    const s = await standIn({ models });
    const { error, sessionWrites } = await refusedRun(s, {
      models: ['llama3.2:3b'],
      suites: [suiteV],
    });
    assert.match(String(error), /llama3\.2:3b cannot run suite V: it lacks the vision capability/);
    assert.deepEqual(sessionWrites, []);
  });

  it('is offered in the suite picker only when every chosen model reads images', () => {
    const suite = (name: string) => {
      const found = BUILTIN_SUITES.find((s) => s.name === name);
      assert.ok(found, name);
      return found;
    };
    const vision = ['completion', 'vision'];
    const text = ['completion', 'tools'];
    const embed = ['embedding'];
    assert.equal(suiteFitsModels(suite('V'), [vision]), true);
    assert.equal(suiteFitsModels(suite('V'), [vision, text]), false);
    assert.equal(suiteFitsModels(suite('V'), [vision, undefined]), true, 'unknown: not refused');
    assert.equal(suiteFitsModels(suite('A'), [vision, text]), true);
    assert.equal(suiteFitsModels(suite('A'), [embed]), false);
    assert.equal(suiteFitsModels(suite('E'), [embed]), true);
    assert.equal(suiteFitsModels(suite('E'), [text]), false);
    assert.equal(suiteFitsModels({ kind: 'generation', think: 'high' }, [text]), false);
    assert.equal(
      suiteFitsModels({ kind: 'generation', think: 'high' }, [[...text, 'thinking']]),
      true,
    );
  });

  it('ships the image the script generates: a 64 × 64 PNG, committed as it is generated', () => {
    const png = Buffer.from(VISION_IMAGE_PNG_BASE64, 'base64');
    assert.deepEqual(png, visionPng());
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.equal(png.readUInt32BE(16), 64);
    assert.equal(png.readUInt32BE(20), 64);
    const committed = readFileSync(
      join(__dirname, '..', '..', 'src', 'core', 'bench', 'visionImage.ts'),
      'utf8',
    );
    assert.equal(committed, visionImageModule());
  });
});
