// The dashboard's Trends view for one model and test on one machine: a point per session (the
// session's figure for that test), the daily median per options line (daily_model_stats), and a
// marker wherever the context changed between two consecutive sessions (Ollama version, model
// digest, GPU driver, num_ctx, options), with what changed as its hover text.
import type { SessionDoc } from '../../shared/dto';
import { testFigureValue } from '../../shared/trendFigures';
import type {
  TrendLine,
  TrendMarker,
  TrendPoint,
  TrendRequest,
  TrendView,
} from '../../shared/trends';
import type { OpenedStore } from '../repositories/openedStore';
import { optionsKey, optionsText } from './comparableKey';
import { changesText, contextChanges } from './contextChanges';

/** Sessions the view reads at most (newest first). */
const MAX_SESSIONS = 500;

const sorted = (values: Iterable<string>) =>
  [...new Set(values)].sort((a, b) => a.localeCompare(b));

export async function buildTrendView(
  store: OpenedStore,
  request: TrendRequest,
): Promise<TrendView> {
  const aggregates = await store.sessions.modelAggregates({});
  const models = sorted(aggregates.map((a) => a.model));
  let model = request.model && models.includes(request.model) ? request.model : undefined;
  if (!model) {
    const newest = await store.sessions.querySessions({
      filter: { statuses: ['completed'] },
      pageSize: 1,
    });
    model = newest.items[0]?.models[0]?.name ?? models[0] ?? '';
  }
  const tests = sorted(aggregates.filter((a) => a.model === model).map((a) => a.test_type));
  const test = request.test && tests.includes(request.test) ? request.test : (tests[0] ?? '');
  const empty: TrendView = {
    models,
    tests,
    model,
    test,
    figure: request.figure,
    machine: '',
    machineLabel: '',
    points: [],
    daily: [],
    markers: [],
  };
  if (!model || !test) return empty;

  const page = await store.sessions.querySessions({
    filter: { models: [model], testTypes: [test] },
    sort: { field: 'start_time', direction: 'desc' },
    pageSize: MAX_SESSIONS,
  });
  const withTest = page.items.filter((s) =>
    s.models.some(
      (m) => m.name === model && m.tests.some((t) => t.type === test && t.status === 'completed'),
    ),
  );
  const [newest] = withTest;
  if (!newest) return empty;
  // One machine: the newest session's (figures of two machines are not a trend).
  const machine = newest.hardware_config_id ?? '';
  const sessions = withTest.filter((s) => (s.hardware_config_id ?? '') === machine).reverse();

  const points: TrendPoint[] = [];
  const markers: TrendMarker[] = [];
  const optionsOfKey = new Map<string, string>();
  let previous: SessionDoc | undefined;
  for (const s of sessions) {
    const t = s.models.find((m) => m.name === model)?.tests.find((x) => x.type === test);
    const sessionId = s._id;
    if (!t || sessionId === undefined) continue; // kept above for having the test; stored, so with an id
    const loaded = t.metrics?.loaded_context_length;
    const key = optionsKey(s.options, test, loaded);
    const text = optionsText(s.options, test, loaded);
    optionsOfKey.set(key, text);
    // Mean rates, p50 times, a depth's level, goodput: as the session stores them.
    const value = testFigureValue(t.metrics, request.figure);
    if (value !== undefined) points.push({ t: s.start_time, value, sessionId, options: text });
    if (previous) {
      const changes = contextChanges(previous, s, [model], [test]);
      if (Object.keys(changes).length)
        markers.push({ t: s.start_time, sessionId, text: changesText(changes), changes });
    }
    previous = s;
  }

  const stats = await store.dailyStats.query({ model, testType: test, machine });
  const lines = new Map<string, TrendLine>();
  for (const d of stats) {
    const f = d.figures[request.figure as keyof typeof d.figures];
    if (!f) continue;
    const options = optionsOfKey.get(d.options_key) ?? d.options_key;
    const line = lines.get(d.options_key) ?? { options, points: [] };
    line.points.push({ day: d.day, median: f.p50, n: f.n });
    lines.set(d.options_key, line);
  }
  return {
    ...empty,
    machine,
    machineLabel: sessions[sessions.length - 1]?.machine ?? (machine ? machine : 'no inventory'),
    points,
    daily: [...lines.values()],
    markers,
  };
}
