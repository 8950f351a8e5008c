// `ollama-bench tune` as a user runs it: the built dist/cli.js against the stand-in whose speed
// depends on the options (tuneStandIn.ts). Every trial a stored session with the tune's id, the
// answer as JSON, --apply's /api/create request, Ctrl-C that still prints the best so far, and
// --serve starting a server of its own per setting (fakeOllama, a script).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openEmbeddedStore } from '../../src/core/repositories/openStore';
import { ensureBuilt, ROOT, runCli, runCliUntil } from '../fixtures/cliProcess';
import type { StandIn } from '../fixtures/ollamaStandIn';
import { scratchFolders } from '../fixtures/scratchFolders';
import { startTuneStandIn, tuneArgs, TUNE_MODEL } from '../fixtures/tuneStandIn';

interface TuneJson {
  model: string;
  goal: string;
  tune_id: string;
  default: { options: Record<string, number>; value: number; ci95: [number, number] | null };
  best: {
    options: Record<string, number>;
    value: number;
    ci95: [number, number] | null;
    gain_pct: number;
  };
  confirmation: string;
  trials: {
    options: Record<string, number>;
    value: number | null;
    status: string;
    session_id?: string;
  }[];
  modelfile: string;
  command: string;
  server_settings: { env: Record<string, string>; status?: string; value?: number }[];
}

describe('ollama-bench tune', () => {
  let standIn: StandIn;
  const folder = scratchFolders('ollama-bench-tune-');

  before(async () => {
    ensureBuilt();
    standIn = await startTuneStandIn();
  });
  after(() => standIn.close());

  it('finds the fastest settings, stores every trial and --apply creates the tuned model', async () => {
    const store = folder('store');
    const r = await runCli(tuneArgs(standIn.url, '--store', store, '--json', '--apply'));
    assert.equal(r.code, 0, r.stderr);
    const answer = JSON.parse(r.stdout) as TuneJson;
    assert.equal(answer.model, TUNE_MODEL);
    assert.equal(answer.goal, 'decode');
    assert.deepEqual(answer.default.options, { num_ctx: 4096 });
    assert.deepEqual(answer.best.options, { num_gpu: 20, num_thread: 6, num_ctx: 4096 });
    assert.ok(answer.best.gain_pct > 25, String(answer.best.gain_pct));
    assert.equal(answer.confirmation, 'separated');
    assert.ok(
      answer.best.ci95 && answer.default.ci95 && answer.best.ci95[0] > answer.default.ci95[1],
    );
    assert.equal(
      answer.modelfile,
      `FROM ${TUNE_MODEL}\nPARAMETER num_gpu 20\nPARAMETER num_thread 6\nPARAMETER num_ctx 4096\n`,
    );
    assert.equal(answer.command, `ollama create ${TUNE_MODEL}-tuned -f Modelfile`);
    assert.ok(answer.trials.every((t) => t.status === 'ok' && typeof t.value === 'number'));

    // Every trial is a stored session tagged with the tune, sent exactly its options.
    const opened = await openEmbeddedStore(store);
    try {
      for (const t of answer.trials) {
        assert.ok(t.session_id);
        const session = await opened.sessions.getSession(t.session_id);
        assert.equal(session?.options.tune_id, answer.tune_id);
        assert.ok(session?.tags.includes('tune'));
        const { num_ctx, ...load } = t.options;
        assert.equal(session?.options.num_ctx, num_ctx);
        assert.deepEqual(session?.options.model_options ?? {}, load);
      }
    } finally {
      await opened.close();
    }
    const sent = standIn.requests.filter(
      (q) =>
        q.path === '/api/generate' && (q.body?.options as { num_gpu?: number })?.num_gpu === 20,
    );
    assert.ok(sent.some((q) => (q.body?.options as { num_thread?: number }).num_thread === 6));

    // --apply: what it does, said first, then exactly this request.
    assert.match(r.stderr, /--apply: creating llama3\.2:3b-tuned from llama3\.2:3b/);
    const create = standIn.requests.filter((q) => q.path === '/api/create');
    assert.equal(create.length, 1);
    assert.deepEqual(create[0]?.body, {
      model: `${TUNE_MODEL}-tuned`,
      from: TUNE_MODEL,
      parameters: { num_gpu: 20, num_thread: 6, num_ctx: 4096 },
      stream: true,
    });
    const tags = await (await fetch(`${standIn.url}/api/tags`)).json();
    assert.ok(
      (tags as { models: { name: string }[] }).models.some((m) => m.name === `${TUNE_MODEL}-tuned`),
    );
  });

  it('Ctrl-C stops the search and still prints the best so far', async () => {
    const r = await runCliUntil(
      tuneArgs(standIn.url, '--store', folder('cancel')),
      {},
      /trial 7 /,
      'SIGINT',
    );
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stdout, /^best: num_gpu=(19|20) /m);
    assert.match(r.stdout, /the search stopped early: cancelled/);
    assert.match(r.stdout, /^FROM llama3\.2:3b$/m);
  });

  it('--serve measures each server setting on a server of its own', async () => {
    const log = `${folder('log')}.log`;
    const r = await runCli(
      tuneArgs(
        standIn.url,
        '--store',
        folder('serve'),
        '--json',
        '--serve',
        join(ROOT, 'test', 'fixtures', 'fakeOllama'),
      ),
      { FAKE_SERVE_LOG: log },
    );
    assert.equal(r.code, 0, r.stderr);
    const answer = JSON.parse(r.stdout) as TuneJson;
    const started = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { argv: string[]; settings: Record<string, string> });
    assert.deepEqual(
      started.map((s) => s.settings),
      answer.server_settings.map((s) => s.env),
    );
    assert.deepEqual(started[0], { argv: ['serve'], settings: {} });
    assert.ok(answer.server_settings.every((s) => s.status === 'ok'));
    const [plain, flash] = answer.server_settings;
    assert.ok((flash?.value ?? 0) > (plain?.value ?? Infinity), 'flash attention measured faster');
  });
});
