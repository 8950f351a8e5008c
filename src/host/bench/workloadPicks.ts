// Run Benchmark's questions for the workload suites, asked only when one is chosen: the depths of
// a depth sweep; a rate test's rate (or a sweep), arrival process, bound per level and SLO. Each
// answer is checked by the same parsers as the CLI's flags (src/core/workloads/); the result goes
// to resolveRunOptions with the run's other options.
import * as vscode from 'vscode';
import type { SuiteDefinition } from '../../shared/dto';
import { parseSlo } from '../../core/workloads/slo';
import {
  checkDepths,
  DEFAULT_DEPTHS,
  MAX_REQUESTS,
  parseArrival,
  parseDuration,
  parseRate,
  type WorkloadOptionsInput,
} from '../../core/workloads/workloadOptions';

const problem = (check: () => unknown): string | undefined => {
  try {
    check();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
};

const depthsOf = (text: string) =>
  checkDepths(
    text.split(',').map((d) => Number(d.trim())),
    'Depths',
  );

/** Bound per level: "60s" / "2m" as a duration, a plain whole number as a request count. */
function boundOf(text: string): Pick<WorkloadOptionsInput, 'durationMs' | 'requests'> {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    if (n < 1 || n > MAX_REQUESTS) throw new Error(`A request count from 1 to ${MAX_REQUESTS}`);
    return { requests: n };
  }
  return { durationMs: parseDuration(t, 'The duration') };
}

const ask = (title: string, prompt: string, value: string, check: (v: string) => unknown) =>
  vscode.window.showInputBox({
    title,
    prompt,
    value,
    ignoreFocusOut: true,
    validateInput: (v) => problem(() => check(v)),
  });

/** The workload options for the chosen suites; undefined when the user cancelled. */
export async function pickWorkloadOptions(
  suites: readonly SuiteDefinition[],
): Promise<WorkloadOptionsInput | undefined> {
  const out: WorkloadOptionsInput = {};
  if (suites.some((s) => s.kind === 'depth')) {
    const depths = await ask(
      'Depth sweep: context depths',
      'Comma-separated depths in tokens (capped below num_ctx − num_predict; raise num_ctx to go deeper)',
      DEFAULT_DEPTHS.join(','),
      depthsOf,
    );
    if (depths === undefined) return undefined;
    out.depths = depthsOf(depths);
  }
  if (!suites.some((s) => s.kind === 'rate')) return out;
  const rate = await ask(
    'Arrival rates: rate',
    'Requests per second, or "sweep" (synchronous, throughput, then 5 rates between)',
    'sweep',
    (v) => v.trim() === 'sweep' || parseRate(v, 'The rate'),
  );
  if (rate === undefined) return undefined;
  if (rate.trim() === 'sweep') out.sweep = true;
  else out.rate = parseRate(rate, 'The rate');
  const arrival = await ask(
    'Arrival rates: arrivals',
    'constant or poisson',
    'poisson',
    parseArrival,
  );
  if (arrival === undefined) return undefined;
  out.arrival = parseArrival(arrival);
  const bound = await ask(
    'Arrival rates: each level',
    'A duration (60s, 2m) or a number of requests (e.g. 100)',
    '60s',
    boundOf,
  );
  if (bound === undefined) return undefined;
  Object.assign(out, boundOf(bound));
  const slo = await ask(
    'Arrival rates: SLO',
    'interactive (TTFT p90 ≤ 500 ms, TPOT p90 ≤ 30 ms), standard (≤ 2000 ms, ≤ 100 ms) or bounds like ttft_ms<=800,tpot_ms<=50',
    'standard',
    parseSlo,
  );
  if (slo === undefined) return undefined;
  out.slo = parseSlo(slo);
  return out;
}
