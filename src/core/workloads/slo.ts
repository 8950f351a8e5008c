// Service-level objectives: bounds on TTFT, TPOT, ITL and e2e latency. The presets take MLPerf
// inference's latency limits for Llama 3.1 8B (interactive: TTFT ≤ 500 ms and TPOT ≤ 30 ms at
// p90; server: TTFT ≤ 2 s, TPOT ≤ 100 ms). A request meets the SLO when each of its own figures
// is within its bound (goodput counts those); a level meets it when each figure's p90 is.
import type { SloBounds, SloSpec } from '../../shared/workloadTypes';
import { InputError } from '../failures/inputError';

export const SLO_PRESETS: Readonly<Record<'interactive' | 'standard', SloSpec>> = {
  interactive: { name: 'interactive', percentile: 90, bounds: { ttft_ms: 500, tpot_ms: 30 } },
  standard: { name: 'standard', percentile: 90, bounds: { ttft_ms: 2000, tpot_ms: 100 } },
};

export const DEFAULT_SLO = SLO_PRESETS.standard;

const FIGURES = [
  'ttft_ms',
  'tpot_ms',
  'itl_ms',
  'e2e_ms',
] as const satisfies readonly (keyof SloBounds)[];

/** `interactive`, `standard`, or bounds such as `ttft_ms<=800,tpot_ms<=50`. */
export function parseSlo(text: string): SloSpec {
  const t = text.trim();
  if (t === 'interactive' || t === 'standard') return SLO_PRESETS[t];
  const bounds: SloBounds = {};
  for (const part of t
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z_]+)\s*<=\s*(\d+(?:\.\d+)?)$/.exec(part);
    const figure = m?.[1] as keyof SloBounds | undefined;
    if (!m || !figure || !FIGURES.includes(figure))
      throw new InputError(
        `An SLO is interactive, standard, or bounds like "ttft_ms<=800,tpot_ms<=50" over ${FIGURES.join(', ')}; "${part}" is not one.`,
      );
    bounds[figure] = Number(m[2]);
  }
  if (!Object.keys(bounds).length) throw new InputError('An SLO needs at least one bound.');
  return { name: 'custom', percentile: 90, bounds };
}

/** A request's own figures; a figure it lacks (one token: no TPOT) is not held against it. */
export type RequestLatencies = Partial<Record<keyof SloBounds, number>>;

export function requestMeetsSlo(request: RequestLatencies, slo: SloSpec): boolean {
  return FIGURES.every((f) => {
    const bound = slo.bounds[f];
    const value = request[f];
    return bound === undefined || value === undefined || value <= bound;
  });
}

/** Whether each bounded figure's percentile (the level's p90s) is within its bound. */
export function percentilesMeetSlo(p: RequestLatencies, slo: SloSpec): boolean {
  return FIGURES.every((f) => {
    const bound = slo.bounds[f];
    const value = p[f];
    return bound === undefined || (value !== undefined && value <= bound);
  });
}

/** "TTFT p90 ≤ 500 ms, TPOT p90 ≤ 30 ms". */
export function sloText(slo: SloSpec): string {
  const words: Record<keyof SloBounds, string> = {
    ttft_ms: 'TTFT',
    tpot_ms: 'TPOT',
    itl_ms: 'ITL',
    e2e_ms: 'e2e',
  };
  return FIGURES.flatMap((f) => {
    const b = slo.bounds[f];
    return b === undefined ? [] : [`${words[f]} p${slo.percentile} ≤ ${b} ms`];
  }).join(', ');
}
