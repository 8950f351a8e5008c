// `ollama-bench history`: the sessions in a store, filtered like the dashboard (same allow-list).
import { inertCell } from '../core/text/terminalText';
import type { Command } from 'commander';
import { textTable } from '../core/report/textTable';
import type { SessionDoc, SessionStatus } from '../shared/dto';
import type { HistoryFilter, HistoryQuery } from '../shared/history';
import { bestTokensPerSecond } from '../shared/throughput';
import { MAX_PAGE_SIZE } from '../core/sessions/historyQuery';
import { InputError } from '../core/failures/inputError';
import {
  addJsonOption,
  addStoreOption,
  collect,
  wholeNumber,
  withStore,
  type JsonOptionValues,
  type StoreOptionValues,
} from './options';

export interface HistoryOptionValues extends StoreOptionValues {
  model?: string[];
  suite?: string[];
  status?: string[];
  tag?: string[];
  since?: string;
  until?: string;
  text?: string;
  limit: string;
}

/** The filter options `history` and `export` share. */
export function addHistoryFilterOptions<C extends Command>(command: C, defaultLimit: number): C {
  addStoreOption(command)
    .option('--model <name>', 'only sessions that ran this model (repeatable: any of)', collect)
    .option(
      '--suite <type>',
      'only sessions with this test type, A/B/C or a custom suite (repeatable)',
      collect,
    )
    .option(
      '--status <status>',
      'running, completed, error, cancelled or interrupted (repeatable)',
      collect,
    )
    .option('--tag <tag>', 'only sessions with this tag (repeatable: all of)', collect)
    .option('--since <date>', 'sessions started at or after this date (e.g. 2025-03-01)')
    .option('--until <date>', 'sessions started before this date')
    .option('--text <text>', 'free text matched literally in model names, tags and test types')
    .option('--limit <n>', `at most this many sessions (1–${MAX_PAGE_SIZE})`, String(defaultLimit));
  return command;
}

export function historyFilterFrom(opts: HistoryOptionValues): HistoryFilter {
  const filter: HistoryFilter = {};
  if (opts.model?.length) filter.models = opts.model;
  if (opts.suite?.length) filter.testTypes = opts.suite;
  if (opts.status?.length) filter.statuses = opts.status as SessionStatus[];
  if (opts.tag?.length) filter.tags = opts.tag;
  for (const k of ['since', 'until'] as const) {
    const v = opts[k];
    if (v === undefined) continue;
    const d = new Date(v);
    if (Number.isNaN(d.getTime()))
      throw new InputError(`--${k} "${v}" is not a date (try 2025-03-01 or 2025-03-01T12:00)`);
    filter[k] = d.toISOString();
  }
  if (opts.text !== undefined) filter.text = opts.text;
  return filter;
}

export function parseLimit(limit: string): number {
  return wholeNumber(limit, '--limit', 1, MAX_PAGE_SIZE);
}

/** What `history` and `export` read: the sessions the options select, newest first, --limit many. */
export function historyQueryFrom(opts: HistoryOptionValues): HistoryQuery {
  return {
    filter: historyFilterFrom(opts),
    pageSize: parseLimit(opts.limit),
    sort: { field: 'start_time', direction: 'desc' },
  };
}

function best(s: SessionDoc): string {
  return bestTokensPerSecond(s)?.tokensPerSecond.toFixed(1) ?? '-';
}

export function historyTable(sessions: readonly SessionDoc[]): string {
  const header = ['ID', 'STARTED', 'STATUS', 'MODELS', 'TESTS', 'BEST TOK/S', 'TAGS'];
  const rows = sessions.map((s) =>
    [
      s._id ?? '-',
      s.start_time.replace('T', ' ').slice(0, 19),
      s.status,
      s.models.map((m) => m.name).join(', ') || '-',
      [...new Set(s.models.flatMap((m) => m.tests.map((t) => t.type)))].join(',') || '-',
      best(s),
      s.tags.join(', ') || '-',
    ].map((c) => inertCell(c)),
  );
  return textTable([header, ...rows]);
}

export function registerHistoryCommand(program: Command): void {
  const command = addHistoryFilterOptions(
    program
      .command('history')
      .description('List stored benchmark sessions, newest first, filtered like the dashboard.'),
    50,
  );
  addJsonOption(command, 'print the session documents as a JSON array (stored field names)').action(
    async (opts: HistoryOptionValues & JsonOptionValues) => {
      const query = historyQueryFrom(opts);
      await withStore(opts, async (store) => {
        const page = await store.sessions.querySessions(query);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(page.items, null, 2)}\n`);
        } else if (!page.items.length) {
          process.stdout.write(`No sessions match in ${store.description}.\n`);
        } else {
          process.stdout.write(`${historyTable(page.items)}\n`);
          if (page.total > page.items.length) {
            process.stdout.write(
              `(${page.items.length} of ${page.total}; raise --limit or narrow the filter)\n`,
            );
          }
        }
      });
    },
  );
}
