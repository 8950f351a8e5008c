// Every `ollamaBench.*` setting package.json declares, with the parser that turns what VS Code
// returns into a typed value and what a malformed value means: "default" carries on with the
// default (and says so), "refuse" makes the feature that needs it stop with the setting's error,
// where carrying on would quietly use another server, store or folder than the one configured.
import { isAbsolute } from 'node:path';
import {
  DEFAULT_KEEP_ALIVE,
  DEFAULT_NUM_CTX,
  DEFAULT_SEED,
  DEFAULT_STREAM_TIMEOUTS,
  TARGET_CI_PERCENT_RANGE,
} from '../bench/runOptions';
import { DEFAULT_REPETITIONS } from '../bench/suites';
import { parseByteAmount } from '../fit/byteAmount';
import {
  SAMPLING_INTERVAL_DEFAULT_MS,
  SAMPLING_INTERVAL_MAX_MS,
  SAMPLING_INTERVAL_MIN_MS,
} from '../hardware/samplingInterval';
import { keepAliveProblem } from '../ollama/keepAlive';
import { HostSettingError, parseOllamaHost } from '../ollama/ollamaHost';
import { expandHome } from '../paths/expandHome';
import { DEFAULT_HEARTBEAT_MS, DEFAULT_STALE_AFTER_MS } from '../plans/planTiming';
import { DOWNSAMPLE_INTERVALS, type DownsampleInterval } from '../retention/downsample';
import { isMongoUri } from '../store/mongo/connectionString';
import { DEFAULT_DATABASE } from '../store/storeLocation';
import { StorePathError } from '../store/storePathGuard';
import { DEFAULT_VERDICT_SETTINGS } from '../trends/verdict';
import {
  choice,
  flag,
  folder,
  numeric,
  parsed,
  refused,
  text,
  type SettingParser,
} from './settingParsers';

/** The section every key below lives in. */
export const SETTINGS_SECTION = 'ollamaBench';

export interface SettingSpec<T> {
  readonly parse: SettingParser<T>;
  /** What a malformed value means: carry on with the default, or refuse to go on. */
  readonly malformed: 'default' | 'refuse';
}

const spec = <T>(parse: SettingParser<T>, malformed: 'default' | 'refuse' = 'default') => ({
  parse,
  malformed,
});

/** The Ollama base URL as typed and normalised; undefined (empty) means OLLAMA_HOST or the default. */
const ollamaHost: SettingParser<string | undefined> = (raw) => {
  if (raw === undefined || raw === null) return parsed(undefined);
  if (typeof raw === 'string' && !raw.trim()) return parsed(undefined);
  try {
    return parsed(parseOllamaHost(raw));
  } catch (err) {
    if (!(err instanceof HostSettingError)) throw err;
    return refused('be an http(s) address such as http://127.0.0.1:11434', err);
  }
};

/** The embedded store's folder; undefined (empty) means OLLAMA_BENCH_STORE or ~/.ollama-bench. */
const storePath: SettingParser<string | undefined> = (raw) => {
  const setting = `${SETTINGS_SECTION}.store.path`;
  const reason = 'be an absolute folder path such as ~/.ollama-bench, or empty for the default';
  if (raw === undefined || raw === null) return parsed(undefined);
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (typeof raw === 'string' && !value) return parsed(undefined);
  if (isMongoUri(value))
    return refused(
      reason,
      new StorePathError(
        `The setting ${setting} holds a MongoDB connection string; connection strings are kept in secret storage instead. Clear the setting and run "Ollama Bench: Set MongoDB Connection…".`,
      ),
    );
  const folderPath = expandHome(value);
  if (isAbsolute(folderPath)) return parsed(folderPath);
  return refused(
    reason,
    new StorePathError(
      `The setting ${setting} is ${JSON.stringify(raw)}, which is not an absolute folder path. Use a full path such as ~/.ollama-bench or /data/ollama-bench, or clear it for the default.`,
    ),
  );
};

/** GPU memory to fit models against: "auto" (this machine's GPUs) or bytes. */
const vram: SettingParser<'auto' | number> = (raw) => {
  const shape = 'be auto, or GPU memory in bytes or with a unit such as 24GB or 24GiB (0: no GPU)';
  if (raw === undefined || raw === null) return parsed('auto');
  if (typeof raw === 'number')
    return Number.isFinite(raw) && raw >= 0 ? parsed(Math.round(raw)) : refused(shape);
  if (typeof raw !== 'string') return refused(shape);
  const value = raw.trim();
  if (!value || value.toLowerCase() === 'auto') return parsed('auto');
  try {
    return parsed(parseByteAmount(value, 'the VRAM setting'));
  } catch {
    return refused(shape);
  }
};

/** A MongoDB database name: no spaces or /\\."$*<>:|? and at most 63 characters. */
function databaseNameProblem(name: string): string | undefined {
  return /[\s/\\."$*<>:|?]/.test(name) || name.length > 63
    ? 'be a MongoDB database name: at most 63 characters, without spaces or /\\."$*<>:|?'
    : undefined;
}

const seconds = (ms: number) => ms / 1000;

/** Keys without the section prefix, exactly as package.json's contributes.configuration names them. */
export const SETTINGS_SCHEMA = {
  host: spec(ollamaHost, 'refuse'),
  'models.refreshIntervalSeconds': spec(numeric({ fallback: 30, min: 0 })),
  'benchmark.repetitions': spec(
    numeric({ fallback: DEFAULT_REPETITIONS, integer: true, min: 1, max: 100 }),
  ),
  'benchmark.numCtx': spec(numeric({ fallback: DEFAULT_NUM_CTX, integer: true, min: 256 })),
  'benchmark.seed': spec(numeric({ fallback: DEFAULT_SEED, integer: true, min: 0 })),
  'benchmark.keepAlive': spec(text(DEFAULT_KEEP_ALIVE, keepAliveProblemShape)),
  'benchmark.firstTokenTimeoutSeconds': spec(
    numeric({ fallback: seconds(DEFAULT_STREAM_TIMEOUTS.firstChunkMs), integer: true, min: 1 }),
  ),
  'benchmark.stallTimeoutSeconds': spec(
    numeric({ fallback: seconds(DEFAULT_STREAM_TIMEOUTS.stallMs), integer: true, min: 1 }),
  ),
  // 0 is off: every test runs benchmark.repetitions.
  'benchmark.targetCiPercent': spec(
    numeric({ fallback: 0, min: 0, max: TARGET_CI_PERCENT_RANGE.max }),
  ),
  'sampling.intervalMs': spec(
    numeric({
      fallback: SAMPLING_INTERVAL_DEFAULT_MS,
      integer: true,
      min: SAMPLING_INTERVAL_MIN_MS,
      max: SAMPLING_INTERVAL_MAX_MS,
    }),
  ),
  'store.path': spec(storePath, 'refuse'),
  'mongodb.database': spec(text(DEFAULT_DATABASE, databaseNameProblem)),
  'retention.downsampleAfterDays': spec(numeric({ fallback: 7, min: 0 })),
  'retention.downsampleInterval': spec(
    choice(Object.keys(DOWNSAMPLE_INTERVALS) as DownsampleInterval[], '1m'),
  ),
  'retention.archive': spec(
    folder('~/ollama-bench-archive', 'to delete old sessions without keeping them'),
    'refuse',
  ),
  'retention.sessionDays': spec(numeric({ fallback: 0, min: 0 })),
  'regression.notify': spec(flag(true)),
  'regression.alpha': spec(
    numeric({ fallback: DEFAULT_VERDICT_SETTINGS.alpha, min: 0, max: 1, exclusive: true }),
  ),
  'regression.minEffectPercent': spec(
    numeric({ fallback: DEFAULT_VERDICT_SETTINGS.minEffectPct, min: 0 }),
  ),
  'plans.heartbeatSeconds': spec(numeric({ fallback: seconds(DEFAULT_HEARTBEAT_MS), min: 1 })),
  'plans.staleAfterSeconds': spec(numeric({ fallback: seconds(DEFAULT_STALE_AFTER_MS), min: 5 })),
  'plans.pollSeconds': spec(numeric({ fallback: 5, min: 1 })),
  'live.openOnStart': spec(flag(true)),
  'export.directory': spec(
    folder('~/ollama-bench-exports', 'to choose the file with a save dialog each time'),
    'refuse',
  ),
  'fit.vram': spec(vram, 'refuse'),
} as const;

/** keep_alive as Ollama reads it, worded for the setting. */
function keepAliveProblemShape(value: string): string | undefined {
  return keepAliveProblem(value)
    ? 'be a duration Ollama reads, such as 10m, 300s or 1h (a bare number has no unit)'
    : undefined;
}

export type SettingKey = keyof typeof SETTINGS_SCHEMA;

type ValueOf<S> = S extends { parse: SettingParser<infer T> } ? T : never;

/** Every setting as its typed value. */
export type Settings = { readonly [K in SettingKey]: ValueOf<(typeof SETTINGS_SCHEMA)[K]> };

export const SETTING_KEYS = Object.keys(SETTINGS_SCHEMA) as SettingKey[];

/** The full name a user sees and VS Code's configuration API takes, e.g. ollamaBench.host. */
export const settingName = (key: SettingKey): string => `${SETTINGS_SECTION}.${key}`;
