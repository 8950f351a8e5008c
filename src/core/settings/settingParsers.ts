// The kinds of value a setting holds (flag, number, choice, duration, folder…) as parsers from what
// the configuration service returns (any JSON, or undefined when nothing is set) to a typed value,
// or the reason the value cannot be used, worded to follow "it must…".
import { isAbsolute } from 'node:path';
import { expandHome } from '../paths/expandHome';

/** A parsed setting: its typed value, or why the configured value is unusable. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      /** Completes "it must …" or similar: what a usable value looks like. */
      readonly reason: string;
      /** An error of the feature's own kind to throw as is (the Ollama host's, the store's). */
      readonly error?: Error;
    };

export type SettingParser<T> = (raw: unknown) => Parsed<T>;

export const parsed = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const refused = <T>(reason: string, error?: Error): Parsed<T> =>
  error ? { ok: false, reason, error } : { ok: false, reason };

/** true / false; nothing set is the default. */
export function flag(fallback: boolean): SettingParser<boolean> {
  return (raw) => {
    if (raw === undefined || raw === null) return parsed(fallback);
    return typeof raw === 'boolean' ? parsed(raw) : refused('be true or false');
  };
}

export interface NumberRule {
  readonly fallback: number;
  readonly integer?: boolean;
  /** Smallest allowed value (inclusive unless `exclusive`). */
  readonly min?: number;
  /** Largest allowed value (inclusive unless `exclusive`). */
  readonly max?: number;
  /** Both bounds exclude themselves (a probability strictly between 0 and 1). */
  readonly exclusive?: boolean;
}

function numberShape(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a number';
  const { min, max, exclusive } = rule;
  if (min !== undefined && max !== undefined)
    return exclusive
      ? `${kind} greater than ${min} and less than ${max}`
      : `${kind} from ${min} to ${max}`;
  if (min !== undefined)
    return exclusive ? `${kind} greater than ${min}` : `${kind} of at least ${min}`;
  if (max !== undefined)
    return exclusive ? `${kind} less than ${max}` : `${kind} of at most ${max}`;
  return kind;
}

/** A finite number within the rule's bounds; nothing set is the default. */
export function numeric(rule: NumberRule): SettingParser<number> {
  const shape = `be ${numberShape(rule)}`;
  return (raw) => {
    if (raw === undefined || raw === null) return parsed(rule.fallback);
    if (typeof raw !== 'number' || !Number.isFinite(raw)) return refused(shape);
    if (rule.integer && !Number.isInteger(raw)) return refused(shape);
    const { min, max, exclusive } = rule;
    if (min !== undefined && (exclusive ? raw <= min : raw < min)) return refused(shape);
    if (max !== undefined && (exclusive ? raw >= max : raw > max)) return refused(shape);
    return parsed(raw);
  };
}

/** One of a fixed list of strings; nothing set is the default. */
export function choice<const C extends string>(
  values: readonly C[],
  fallback: NoInfer<C>,
): SettingParser<C> {
  return (raw) => {
    if (raw === undefined || raw === null) return parsed(fallback);
    const found = values.find((v) => v === raw);
    return found !== undefined ? parsed(found) : refused(`be one of ${values.join(', ')}`);
  };
}

/** A string, trimmed; nothing set or blank is the default. */
export function text(fallback: string, check?: (value: string) => string | undefined) {
  return (raw: unknown): Parsed<string> => {
    if (raw === undefined || raw === null) return parsed(fallback);
    if (typeof raw !== 'string') return refused('be a string');
    const value = raw.trim();
    if (!value) return parsed(fallback);
    const problem = check?.(value);
    return problem ? refused(problem) : parsed(value);
  };
}

/**
 * An absolute folder (`~` allowed, expanded); nothing set or blank is undefined, which means the
 * feature's own default.
 */
export function folder(example: string, whenEmpty: string): SettingParser<string | undefined> {
  const shape = `be an absolute folder path such as ${example} (~ allowed), or empty ${whenEmpty}`;
  return (raw) => {
    if (raw === undefined || raw === null) return parsed(undefined);
    if (typeof raw !== 'string') return refused(shape);
    const value = raw.trim();
    if (!value) return parsed(undefined);
    const expanded = expandHome(value);
    return isAbsolute(expanded) ? parsed(expanded) : refused(shape);
  };
}
