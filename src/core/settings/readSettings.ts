// Reads one setting, or all of them, through a lookup (VS Code's configuration in the extension, a
// plain object in tests) into typed values. A malformed value becomes a SettingProblem whose message
// names the setting, what it holds, what it must be and what happens meanwhile.
import {
  SETTING_KEYS,
  SETTINGS_SCHEMA,
  settingName,
  type SettingKey,
  type Settings,
} from './settingsSchema';

/** What VS Code returns for a key under the section (undefined: not set anywhere, no default). */
export type SettingLookup = (key: SettingKey) => unknown;

/** A malformed value that refuses: thrown when the feature asks for the setting. */
export class SettingError extends Error {
  override readonly name = 'SettingError';
  constructor(
    readonly key: SettingKey,
    message: string,
  ) {
    super(message);
  }
}

export interface SettingProblem {
  readonly key: SettingKey;
  /** What the setting holds, as VS Code returned it. */
  readonly value: unknown;
  /** Says what is wrong and what happens meanwhile, e.g. "… 4096 is used until it is fixed." */
  readonly message: string;
  /** "default": the default is used; "refuse": the feature that needs it stops with `error`. */
  readonly malformed: 'default' | 'refuse';
  /** What the feature throws: the parser's own error, else a SettingError with `message`. */
  readonly error: Error;
}

export type SettingRead<K extends SettingKey> =
  | { readonly ok: true; readonly value: Settings[K] }
  | { readonly ok: false; readonly fallback: Settings[K]; readonly problem: SettingProblem };

const shown = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));

/** The default a key falls back to: its parse of "nothing set". */
export function defaultSetting<K extends SettingKey>(key: K): Settings[K] {
  const result = SETTINGS_SCHEMA[key].parse(undefined);
  if (!result.ok) throw new Error(`the default of ${settingName(key)} does not parse`);
  return result.value as Settings[K];
}

/** Parses one key's configured value. */
export function readSetting<K extends SettingKey>(key: K, raw: unknown): SettingRead<K> {
  const spec = SETTINGS_SCHEMA[key];
  const result = spec.parse(raw);
  if (result.ok) return { ok: true, value: result.value as Settings[K] };
  const fallback = defaultSetting(key);
  const name = settingName(key);
  const meanwhile =
    spec.malformed === 'default'
      ? `${fallback === undefined ? 'the default' : shown(fallback)} is used until it is fixed`
      : 'fix it to go on';
  const message =
    result.error?.message ??
    `The setting ${name} is ${shown(raw)}, but it must ${result.reason}; ${meanwhile}.`;
  const problem: SettingProblem = {
    key,
    value: raw,
    message,
    malformed: spec.malformed,
    error: result.error ?? new SettingError(key, message),
  };
  return { ok: false, fallback, problem };
}

export interface SettingsSnapshot {
  /** Every setting; a malformed one holds its default. */
  readonly values: Settings;
  /** One per malformed setting, in SETTING_KEYS order. */
  readonly problems: readonly SettingProblem[];
}

/** Reads every setting at once. */
export function readSettings(lookup: SettingLookup): SettingsSnapshot {
  const values: Partial<Record<SettingKey, unknown>> = {};
  const problems: SettingProblem[] = [];
  for (const key of SETTING_KEYS) {
    const read = readSetting(key, lookup(key));
    if (read.ok) values[key] = read.value;
    else {
      values[key] = read.fallback;
      problems.push(read.problem);
    }
  }
  return { values: values as Settings, problems };
}

/**
 * The keys a configuration change touches. `affects` is VS Code's affectsConfiguration on full
 * names; a change of the whole section touches every key.
 */
export function changedSettings(affects: (name: string) => boolean): SettingKey[] {
  return SETTING_KEYS.filter((key) => affects(settingName(key)));
}
