// The dashboard's Quality tab, host side: the webview asks, the handler answers with each
// model's latest evaluation per set (what the tab shows by category, with the failures).
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { parseDashboardMessage } from '../../../src/shared/protocolGuards';
import { dashboardHandler } from '../../fixtures/dashboardHandler';
import { openTempStore, type TempStore } from '../../fixtures/tempStore';
import { evaluation } from './evaluationContract';

let temp: TempStore;
before(async () => {
  temp = await openTempStore();
});
after(() => temp.remove());

it('answers `quality` with the latest evaluation of each model and set', async () => {
  const T = Date.parse('2025-08-01T00:00:00.000Z');
  await temp.store.evaluations.insert(evaluation('a:1b', 40, T));
  await temp.store.evaluations.insert({
    ...evaluation('a:1b', 60, T + 1000),
    failures: [{ id: 'arith-001', expected: '42', got: 'Not sure.' }],
  });
  await temp.store.evaluations.insert(evaluation('b:7b', 90, T));
  const parsed = parseDashboardMessage({ type: 'quality' });
  assert.ok(parsed.ok);
  assert.equal(parseDashboardMessage({ type: 'quality', extra: 1 }).ok, false);
  const { handle, posted } = dashboardHandler(temp.store);
  await handle(parsed.value);
  const [answer] = posted;
  assert.ok(answer?.type === 'quality');
  assert.deepEqual(
    answer.view.evaluations.map((e) => [e.model, e.correct, e.failures.length]),
    [
      ['a:1b', 60, 1],
      ['b:7b', 90, 0],
    ],
  );
});
