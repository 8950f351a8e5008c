// `ollama-bench bundle --out FILE [--sessions IDS | --model M | --since DATE] [--redact]`: one
// file with the chosen sessions, their results and samples, the machines' hardware documents and
// each session's conditions, sealed with the SHA-256 of its content; `import` verifies it.
import type { Command } from 'commander';
import { InputError } from '../core/failures/inputError';
import { BUNDLE_EXTENSION } from '../core/machines/bundleSeal';
import { writeBundle, type BundleSelection } from '../core/machines/resultBundle';
import { refuseKernelPath } from '../core/paths/kernelPathGuard';
import {
  addJsonOption,
  addStoreOption,
  list,
  withStore,
  type JsonOptionValues,
  type StoreOptionValues,
} from './options';

interface BundleOptionValues extends StoreOptionValues, JsonOptionValues {
  out: string;
  sessions?: string[];
  model?: string;
  since?: string;
  redact?: boolean;
}

function selectionFrom(opts: BundleOptionValues): BundleSelection {
  const out: BundleSelection = {};
  if (opts.sessions?.length) out.sessionIds = opts.sessions;
  if (opts.model) out.model = opts.model;
  if (opts.since !== undefined) {
    const t = Date.parse(opts.since);
    if (!Number.isFinite(t))
      throw new InputError(
        `--since must be a date (2025-03-01 or an ISO time), not "${opts.since}"`,
      );
    out.since = t;
  }
  return out;
}

export function registerBundleCommand(program: Command): void {
  const command = program
    .command('bundle')
    .description(
      `Write sessions with their results, samples, machines and conditions to one file sealed with its SHA-256 (default: every session), for import elsewhere; name it *${BUNDLE_EXTENSION}.`,
    )
    .requiredOption('--out <file>', `the bundle to write (*${BUNDLE_EXTENSION})`)
    .option('--sessions <ids>', 'comma-separated session ids', list)
    .option('--model <name>', 'the sessions that ran this model')
    .option('--since <date>', 'the sessions started on or after this date')
    .option('--redact', 'replace host names, user names and paths with stable pseudonyms');
  addJsonOption(command, 'print {file, sessions, documents, sha256, redacted}');
  addStoreOption(command).action(async (opts: BundleOptionValues) => {
    const selection = selectionFrom(opts);
    refuseKernelPath(opts.out, 'the bundle file (--out)');
    const seal = await withStore(opts, (store) =>
      writeBundle(store, opts.out, selection, { redact: !!opts.redact }),
    );
    if (opts.json)
      process.stdout.write(
        `${JSON.stringify({ file: opts.out, sessions: seal.sessions, documents: seal.documents, sha256: seal.sha256, redacted: seal.redacted })}\n`,
      );
    else
      process.stderr.write(
        `Wrote ${opts.out}: ${seal.sessions} session(s), ${seal.documents} document(s), sha256 ${seal.sha256}${seal.redacted ? ', redacted' : ''}\n`,
      );
  });
}
