// Durations as a user types them on the command line: `500ms`, `1s`, `2m`, `1h`, or plain seconds.
import { PlanInputError } from './planMatrix';

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

export function parseDurationMs(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  const unit = m ? UNITS[(m[2] ?? 's').toLowerCase()] : undefined;
  if (!m || unit === undefined)
    throw new PlanInputError(`${flag} must be a duration like 30s, 2m or 500ms, not "${text}"`);
  return Math.round(Number(m[1]) * unit);
}
