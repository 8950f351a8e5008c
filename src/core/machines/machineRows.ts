// One model and test across machines, like for like: every completed test of the model and test
// is keyed by its options (likeKey, as the dashboard's compare), the setting most machines ran is
// compared and the rest is listed as excluded. Per machine each figure is the median over its
// results with a 95 % interval (medianWithInterval), then the LocalScore of the medians; rows
// are sorted by the chosen figure, better first, machines without it last.
import type { HardwareConfig, SessionDoc, SessionTest } from '../../shared/dto';
import {
  MACHINE_BETTER,
  MACHINE_FIGURES,
  sortedValue,
  type ExcludedResults,
  type MachineFigureName,
  type MachineRow,
  type MachineSortKey,
  type MachinesView,
} from '../../shared/machines';
import { testTokensPerSecond } from '../../shared/throughput';
import { likeKey } from '../dashboard/compare';
import { differingConditions, sessionConditions } from '../dashboard/compareNotes';
import { InputError } from '../failures/inputError';
import { localScore } from './localScore';
import { machineSummary } from './machineSummary';
import { medianWithInterval } from './medianInterval';

export const UNKNOWN_MACHINE = 'unknown';

export interface MachinesQuery {
  model?: string;
  suite?: string;
  sort?: MachineSortKey;
}

interface Found {
  machineId: string;
  session: SessionDoc;
  test: SessionTest;
}

const machineOf = (s: SessionDoc) => s.hardware_config_id ?? UNKNOWN_MACHINE;

function figureOf(test: SessionTest, figure: MachineFigureName): number | undefined {
  const v =
    figure === 'tokens_per_second' ? testTokensPerSecond(test.metrics) : test.metrics[figure];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

const usable = (t: SessionTest) =>
  t.status === 'completed' && !t.metrics?.flags?.includes('implausible');

/** Every model with, per model, every test some machine completed; by name. */
export function machineChoices(sessions: readonly SessionDoc[]): MachinesView['choices'] {
  const byModel = new Map<string, Set<string>>();
  for (const s of sessions)
    for (const m of s.models)
      for (const t of m.tests)
        if (usable(t)) byModel.set(m.name, (byModel.get(m.name) ?? new Set()).add(t.type));
  return [...byModel]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([model, suites]) => ({ model, suites: [...suites].sort() }));
}

/** The test results of one model and test, by machine. */
function found(sessions: readonly SessionDoc[], model: string, suite: string): Found[] {
  const out: Found[] = [];
  for (const s of sessions)
    for (const m of s.models)
      if (m.name === model)
        for (const t of m.tests)
          if (t.type === suite && usable(t))
            out.push({ machineId: machineOf(s), session: s, test: t });
  return out;
}

/** The model and test most machines ran, where the query leaves them open. */
function pick(
  sessions: readonly SessionDoc[],
  choices: MachinesView['choices'],
  query: MachinesQuery,
): { model: string; suite: string } {
  const machinesFor = (model: string, suite: string) =>
    new Set(found(sessions, model, suite).map((f) => f.machineId)).size;
  const candidates = choices
    .filter((c) => query.model === undefined || c.model === query.model)
    .flatMap((c) =>
      c.suites
        .filter((s) => query.suite === undefined || s === query.suite)
        .map((suite) => ({ model: c.model, suite })),
    );
  let best: { model: string; suite: string; n: number } | undefined;
  for (const c of candidates) {
    const n = machinesFor(c.model, c.suite);
    if (!best || n > best.n) best = { ...c, n };
  }
  if (!best) {
    const what = [query.model && `model "${query.model}"`, query.suite && `test "${query.suite}"`]
      .filter(Boolean)
      .join(' and ');
    throw new InputError(
      what ? `no completed result for ${what} in the store` : 'no completed result in the store',
    );
  }
  return { model: best.model, suite: best.suite };
}

function rowOf(
  machineId: string,
  results: readonly Found[],
  hardware: ReadonlyMap<string, HardwareConfig>,
): MachineRow {
  const newest = results.reduce((a, b) => (b.session.start_time > a.session.start_time ? b : a));
  const hw = hardware.get(machineId);
  const row: MachineRow = {
    machine_id: machineId,
    hostname: hw?.os.hostname || newest.session.runner?.hostname || machineId,
    summary: machineSummary(hw, newest.session.ollama_version),
    n: results.length,
  };
  for (const figure of MACHINE_FIGURES) {
    const values = results.flatMap((r) => {
      const v = figureOf(r.test, figure);
      return v === undefined ? [] : [v];
    });
    const single = results.length === 1 ? results[0]?.test.metrics.ci95 : undefined;
    // The session keeps intervals of means only (tokens/s, prompt tokens/s).
    const own =
      figure === 'tokens_per_second' || figure === 'prompt_tokens_per_second'
        ? single?.[figure]
        : undefined;
    const summary = medianWithInterval(values, own);
    if (summary) row[figure] = summary;
  }
  const score = localScore(
    row.prompt_tokens_per_second?.median,
    row.tokens_per_second?.median,
    row.ttft_ms?.median,
  );
  if (score !== undefined) row.localscore = score;
  return row;
}

export function sortMachineRows(rows: MachineRow[], key: MachineSortKey): MachineRow[] {
  const sign = MACHINE_BETTER[key] === 'higher' ? -1 : 1;
  return rows.sort((a, b) => {
    const x = sortedValue(a, key);
    const y = sortedValue(b, key);
    if (x === undefined || y === undefined)
      return x === undefined ? (y === undefined ? a.hostname.localeCompare(b.hostname) : 1) : -1;
    return sign * (x - y) || a.hostname.localeCompare(b.hostname);
  });
}

/** The Machines view of one model and test over every machine's sessions. */
export function machinesView(
  sessions: readonly SessionDoc[],
  hardware: ReadonlyMap<string, HardwareConfig>,
  query: MachinesQuery = {},
): MachinesView {
  const choices = machineChoices(sessions);
  const { model, suite } = pick(sessions, choices, query);
  const all = found(sessions, model, suite);
  // The setting most machines ran (ties: more results, then the first seen).
  const bySetting = new Map<string, { label: string; items: Found[] }>();
  for (const f of all) {
    const { key, label } = likeKey(f.session, f.test);
    const slot = bySetting.get(key) ?? { label, items: [] };
    slot.items.push(f);
    bySetting.set(key, slot);
  }
  const ranked = [...bySetting.values()].sort(
    (a, b) =>
      new Set(b.items.map((f) => f.machineId)).size -
        new Set(a.items.map((f) => f.machineId)).size || b.items.length - a.items.length,
  );
  const chosen = ranked[0];
  const byMachine = new Map<string, Found[]>();
  for (const f of chosen?.items ?? [])
    byMachine.set(f.machineId, [...(byMachine.get(f.machineId) ?? []), f]);
  const sort = query.sort ?? 'tokens_per_second';
  const rows = sortMachineRows(
    [...byMachine].map(([id, results]) => rowOf(id, results, hardware)),
    sort,
  );
  const hostOf = (id: string) => rows.find((r) => r.machine_id === id)?.hostname;
  const excluded: ExcludedResults[] = ranked.slice(1).flatMap((slot) => {
    const counts = new Map<string, number>();
    for (const f of slot.items) counts.set(f.machineId, (counts.get(f.machineId) ?? 0) + 1);
    return [...counts].map(([id, n]) => ({
      machine_id: id,
      hostname: hostOf(id) ?? hardware.get(id)?.os.hostname ?? id,
      setting: slot.label,
      n,
    }));
  });
  // Conditions of each machine's newest comparable session: what differs besides the machine.
  const newestConditions = rows.map((r) => {
    const items = byMachine.get(r.machine_id) ?? [];
    const newest = items.reduce<Found | undefined>(
      (a, b) => (!a || b.session.start_time > a.session.start_time ? b : a),
      undefined,
    );
    return newest ? sessionConditions(newest.session) : undefined;
  });
  return {
    model,
    suite,
    setting: chosen?.label ?? suite,
    sort,
    machines: rows,
    excluded,
    differences: differingConditions(newestConditions),
    choices,
  };
}
