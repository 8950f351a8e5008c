// The stand-in as an eval and drift server: a told item's answer streamed token by token with
// Ollama's logprob shape (api/types.go Logprob), none unless asked, and the family /api/show reports.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startEvalStandIn } from '../../fixtures/evalStandIn';
import type { StandIn } from '../../fixtures/ollamaStandIn';

const item = { id: 'x-1', prompt: 'Name a colour.', answer: 'Deep sea blue' };
let standIn: StandIn;
before(async () => {
  standIn = await startEvalStandIn({}, { evalItems: [item] });
});
after(() => standIn.close());

async function lines(body: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${standIn.url}/api/generate`, {
    method: 'POST',
    body: JSON.stringify({ model: 'llama3.2:3b', prompt: item.prompt, ...body }),
  });
  return (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

it('streams a told answer with each token’s logprobs and top alternatives', async () => {
  const chunks = await lines({ logprobs: true, top_logprobs: 3 });
  const tokens = chunks.filter((c) => c.done === false);
  assert.deepEqual(
    tokens.map((c) => c.response),
    ['Deep', ' sea', ' blue'],
  );
  const [first] = tokens;
  assert.deepEqual(first?.logprobs, [
    {
      token: 'Deep',
      logprob: -0.05,
      bytes: [...Buffer.from('Deep')],
      top_logprobs: [
        { token: 'Deep', logprob: -0.05, bytes: [...Buffer.from('Deep')] },
        { token: 'Deeps', logprob: -3, bytes: [...Buffer.from('Deeps')] },
        { token: 'Deeped', logprob: -3.5, bytes: [...Buffer.from('Deeped')] },
      ],
    },
  ]);
  assert.equal(chunks.at(-1)?.done_reason, 'stop');
});

it('returns no logprobs unless asked, and gathers them in a whole answer', async () => {
  assert.ok((await lines({})).every((c) => !('logprobs' in c)));
  const [whole] = await lines({ stream: false, logprobs: true });
  assert.equal(whole?.response, 'Deep sea blue');
  assert.deepEqual(
    (whole?.logprobs as { token: string; top_logprobs?: unknown }[]).map((l) => [
      l.token,
      l.top_logprobs,
    ]),
    [
      ['Deep', undefined],
      [' sea', undefined],
      [' blue', undefined],
    ],
  );
});

it('reports the model family in /api/show details', async () => {
  const res = await fetch(`${standIn.url}/api/show`, {
    method: 'POST',
    body: JSON.stringify({ model: 'qwen3:0.6b' }),
  });
  const shown = (await res.json()) as { details: { family: string } };
  assert.equal(shown.details.family, 'qwen3');
});
