// The typed settings reader: every `ollamaBench.*` setting package.json declares is known to it (and
// nothing else), its defaults and bounds are package.json's, and a malformed value becomes a message
// that names the setting, what it holds, what it must be and what happens meanwhile.
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HostSettingError } from '../../src/core/ollama/ollamaHost';
import {
  changedSettings,
  defaultSetting,
  readSetting,
  readSettings,
  SettingError,
} from '../../src/core/settings/readSettings';
import {
  SETTING_KEYS,
  SETTINGS_SCHEMA,
  settingName,
  type SettingKey,
} from '../../src/core/settings/settingsSchema';
import { isStorePathError } from '../../src/core/store/storePathGuard';
import pkg from '../../package.json';

interface Declared {
  type: string;
  default: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: string[];
  pattern?: string;
}

const declared = pkg.contributes.configuration.properties as Record<string, Declared>;
const PREFIX = 'ollamaBench.';
const declaredKeys = Object.keys(declared)
  .filter((k) => k.startsWith(PREFIX))
  .map((k) => k.slice(PREFIX.length));

function declaration(key: SettingKey): Declared {
  const d = declared[settingName(key)];
  assert.ok(d, `${settingName(key)} is declared`);
  return d;
}

/** The value the reader gives for what package.json's default means. */
const defaultMeaning: Partial<Record<SettingKey, unknown>> = {
  host: undefined, // OLLAMA_HOST, else http://127.0.0.1:11434
  'store.path': undefined, // OLLAMA_BENCH_STORE, else ~/.ollama-bench
  'retention.archive': undefined, // nothing archived
  'export.directory': undefined, // a save dialog each time
};

describe('settings: the reader knows exactly what package.json declares', () => {
  it('every ollamaBench.* key in contributes.configuration is known to the reader', () => {
    const unknown = declaredKeys.filter((k) => !(k in SETTINGS_SCHEMA));
    assert.deepEqual(unknown, [], 'declared in package.json but unknown to the reader');
  });

  it('every key the reader knows is declared in package.json', () => {
    const undeclared = SETTING_KEYS.filter((k) => !declaredKeys.includes(k));
    assert.deepEqual(undeclared, [], 'known to the reader but not declared in package.json');
  });

  for (const key of SETTING_KEYS) {
    it(`${key}: package.json's default reads as the reader's default`, () => {
      const d = declaration(key);
      const read = readSetting(key, d.default);
      assert.ok(read.ok, `the declared default ${JSON.stringify(d.default)} is accepted`);
      assert.deepEqual(read.value, defaultSetting(key));
      const expected = key in defaultMeaning ? defaultMeaning[key] : d.default;
      assert.deepEqual(defaultSetting(key), expected);
    });
  }

  const numberKeys = SETTING_KEYS.filter((k) =>
    ['number', 'integer'].includes(declaration(k).type),
  );
  for (const key of numberKeys) {
    it(`${key}: the bounds and kind of number are package.json's`, () => {
      const d = declaration(key);
      const ok = (v: unknown) => readSetting(key, v).ok;
      if (d.minimum !== undefined) {
        assert.ok(ok(d.minimum), `${d.minimum} is allowed`);
        assert.ok(!ok(d.minimum - 1), `${d.minimum - 1} is refused`);
      }
      if (d.maximum !== undefined) {
        assert.ok(ok(d.maximum), `${d.maximum} is allowed`);
        assert.ok(!ok(d.maximum + 1), `${d.maximum + 1} is refused`);
      }
      if (d.exclusiveMinimum !== undefined) assert.ok(!ok(d.exclusiveMinimum));
      if (d.exclusiveMaximum !== undefined) assert.ok(!ok(d.exclusiveMaximum));
      const inside = d.minimum ?? d.exclusiveMinimum ?? 0;
      assert.equal(ok(inside + 0.5), d.type === 'number', 'fractions only for numbers');
      assert.ok(!ok('12'), 'a string is not a number');
    });
  }

  for (const key of SETTING_KEYS.filter((k) => declaration(k).enum)) {
    it(`${key}: exactly the declared choices`, () => {
      for (const v of declaration(key).enum ?? []) assert.ok(readSetting(key, v).ok, v);
      assert.ok(!readSetting(key, 'weekly').ok);
    });
  }

  for (const key of SETTING_KEYS.filter((k) => declaration(k).pattern)) {
    it(`${key}: accepts what package.json's pattern accepts`, () => {
      const pattern = new RegExp(declaration(key).pattern ?? '');
      const samples = ['10m', '300s', '1h30m', '250ms', '300', 'auto', '24GB', '24 GiB', '0', 'x'];
      for (const v of samples.filter((s) => pattern.test(s)))
        assert.ok(readSetting(key, v).ok, `${JSON.stringify(v)} matches the pattern`);
      assert.ok(!readSetting(key, 'x').ok);
    });
  }
});

describe('settings: typed values', () => {
  it('nothing configured reads as every default, with no problem', () => {
    const { values, problems } = readSettings(() => undefined);
    assert.deepEqual(problems, []);
    assert.equal(values['benchmark.numCtx'], 4096);
    assert.equal(values['benchmark.keepAlive'], '10m');
    assert.equal(values['retention.downsampleInterval'], '1m');
    assert.equal(values['regression.notify'], true);
    assert.equal(values['fit.vram'], 'auto');
    assert.equal(values.host, undefined);
  });

  it('normalises what was typed: the host to a base URL, folders with ~ expanded, VRAM to bytes', () => {
    const configured: Partial<Record<SettingKey, unknown>> = {
      host: ' gpu-box ',
      'store.path': '~/bench-store',
      'export.directory': '/data/exports ',
      'fit.vram': '24GB',
      'benchmark.keepAlive': ' 5m ',
      'mongodb.database': '  ',
    };
    const { values, problems } = readSettings((k) => configured[k]);
    assert.deepEqual(problems, []);
    assert.equal(values.host, 'http://gpu-box:11434');
    assert.equal(values['store.path'], join(homedir(), 'bench-store'));
    assert.equal(values['export.directory'], '/data/exports');
    assert.equal(values['fit.vram'], 24e9);
    assert.equal(values['benchmark.keepAlive'], '5m');
    assert.equal(values['mongodb.database'], 'ollama_bench', 'blank is the default');
  });

  it('only the settings a change touches', () => {
    assert.deepEqual(
      changedSettings((name) => name === 'ollamaBench.host'),
      ['host'],
    );
    assert.deepEqual(
      changedSettings(() => true),
      SETTING_KEYS,
    );
    assert.deepEqual(
      changedSettings((name) => name === 'editor.fontSize'),
      [],
    );
  });
});

describe('settings: a malformed value says what is wrong and what happens', () => {
  it('a number: names the setting, the value, the rule and the default used', () => {
    const read = readSetting('benchmark.numCtx', 'abc');
    assert.equal(read.ok, false);
    if (read.ok) return;
    assert.equal(read.fallback, 4096);
    assert.equal(read.problem.malformed, 'default');
    assert.equal(
      read.problem.message,
      'The setting ollamaBench.benchmark.numCtx is "abc", but it must be a whole number of at least 256; 4096 is used until it is fixed.',
    );
  });

  it('a range, a probability, a choice, a duration and a flag', () => {
    const message = (key: SettingKey, v: unknown) => {
      const read = readSetting(key, v);
      return read.ok ? '' : read.problem.message;
    };
    assert.match(
      message('benchmark.repetitions', 500),
      /is 500, but it must be a whole number from 1 to 100; 3 is used/,
    );
    assert.match(message('regression.alpha', 1), /greater than 0 and less than 1; 0\.05 is used/);
    assert.match(
      message('retention.downsampleInterval', 'weekly'),
      /be one of 1m, 5m, 1h; "1m" is used/,
    );
    assert.match(
      message('benchmark.keepAlive', '300'),
      /such as 10m, 300s or 1h \(a bare number has no unit\); "10m" is used/,
    );
    assert.match(
      message('live.openOnStart', 'yes'),
      /is "yes", but it must be true or false; true is used/,
    );
    assert.match(message('mongodb.database', 'my db'), /be a MongoDB database name/);
  });

  it('the Ollama host refuses with its own error, never the default server', () => {
    const read = readSetting('host', 'ftp://gpu-box');
    assert.equal(read.ok, false);
    if (read.ok) return;
    assert.equal(read.problem.malformed, 'refuse');
    assert.ok(read.problem.error instanceof HostSettingError);
    assert.match(
      read.problem.message,
      /"ftp:\/\/gpu-box" is not valid: the scheme must be http or https/,
    );
  });

  it('the store path refuses a relative folder and a connection string with the store’s error', () => {
    for (const [value, says] of [
      ['results', /is "results", which is not an absolute folder path/],
      ['mongodb://u:p@db:27017', /holds a MongoDB connection string; .*Set MongoDB Connection…/],
    ] as const) {
      const read = readSetting('store.path', value);
      assert.equal(read.ok, false);
      if (read.ok) continue;
      assert.ok(isStorePathError(read.problem.error), 'the store controller offers its fix');
      assert.match(read.problem.message, says);
      assert.match(read.problem.message, /ollamaBench\.store\.path/);
    }
  });

  it('a folder setting that is not absolute refuses with a SettingError that says how to fix it', () => {
    const read = readSetting('export.directory', 'exports');
    assert.equal(read.ok, false);
    if (read.ok) return;
    assert.ok(read.problem.error instanceof SettingError);
    assert.equal(read.problem.malformed, 'refuse');
    assert.match(
      read.problem.message,
      /ollamaBench\.export\.directory is "exports", but it must be an absolute folder path such as ~\/ollama-bench-exports .*; fix it to go on\./,
    );
  });

  it('readSettings lists each malformed setting once and keeps the defaults for them', () => {
    const configured: Partial<Record<SettingKey, unknown>> = {
      'benchmark.seed': -1,
      'fit.vram': 'lots',
      'plans.pollSeconds': 0,
    };
    const { values, problems } = readSettings((k) => configured[k]);
    assert.deepEqual(
      problems.map((p) => p.key),
      ['benchmark.seed', 'plans.pollSeconds', 'fit.vram'],
    );
    assert.equal(values['benchmark.seed'], 42);
    assert.equal(values['plans.pollSeconds'], 5);
    assert.match(problems[2]?.message ?? '', /auto, or GPU memory in bytes or with a unit/);
  });
});
