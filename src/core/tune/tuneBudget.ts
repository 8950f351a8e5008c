// A tune's time: a trial starts only while the budget has time left, so the tune ends at most one
// trial past it. The clock is injected (tests run a budget on a counter).
import { InputError } from '../failures/inputError';

export interface Budget {
  /** Whether another trial may start. */
  canStart(): boolean;
  elapsedMs(): number;
  readonly limitMs: number;
}

export function startBudget(
  limitMs: number,
  clock: () => number = () => performance.now(),
): Budget {
  const start = clock();
  return {
    limitMs,
    elapsedMs: () => clock() - start,
    canStart: () => clock() - start < limitMs,
  };
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "10m", "90s", "1h", "1500ms"; a bare number is minutes. */
export function parseBudget(text: string, what = '--budget'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  const unit = UNITS[(m?.[2] ?? 'm').toLowerCase()];
  const ms = m && unit ? Number(m[1]) * unit : Number.NaN;
  if (!Number.isFinite(ms) || ms <= 0)
    throw new InputError(`${what} is a duration such as 10m, 90s or 1h, not "${text}"`);
  return ms;
}
