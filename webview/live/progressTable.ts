// Progress per model × test: status, repetitions done of planned, and the headline figures so far.
import type { LiveProgressRow } from '../../src/shared/protocol';
import { clear, h, icon, thead } from '../lib/dom';
import { fmt } from '../lib/format';

const STATUS_ICONS: Record<string, string> = {
  pending: 'circle-large-outline',
  running: 'sync~spin',
  completed: 'pass',
  error: 'error',
  cancelled: 'circle-slash',
};

const COLUMNS = [
  'Model',
  'Test',
  'Status',
  'Repetitions',
  'Tokens/s',
  'Prompt tok/s',
  'TTFT p50 ms',
  'Flags',
];

/** The section with an empty table; `body` is what renderProgress fills. */
export function createProgressTable(): { section: HTMLElement; body: HTMLElement } {
  const body = h('tbody');
  const section = h(
    'section',
    { 'aria-labelledby': 'progress-title' },
    h('h3', { id: 'progress-title' }, 'Progress'),
    h('table', { class: 'grid', id: 'progress' }, thead(COLUMNS), body),
  );
  return { section, body };
}

const figure = (v: number | undefined, digits?: number) => (v === undefined ? '–' : fmt(v, digits));

export function renderProgress(body: HTMLElement, rows: LiveProgressRow[]): void {
  clear(body);
  for (const r of rows) {
    body.append(
      h(
        'tr',
        { 'data-status': r.status },
        h('td', null, r.model),
        h('td', null, r.test),
        h(
          'td',
          null,
          icon(STATUS_ICONS[r.status] ?? 'question'),
          ` ${r.status}`,
          r.error ? h('span', { class: 'error-text' }, ` — ${r.error}`) : null,
        ),
        h(
          'td',
          null,
          h('vscode-progress-bar', {
            value: r.total ? r.done / r.total : 0,
            max: 1,
            'aria-label': `${r.done} of ${r.total}`,
          }),
          ` ${r.done}/${r.total}`,
        ),
        h('td', { class: 'num' }, figure(r.tokens_per_second)),
        h('td', { class: 'num' }, figure(r.prompt_tokens_per_second)),
        h('td', { class: 'num' }, figure(r.ttft_ms, 0)),
        h(
          'td',
          null,
          r.flags.map((f) => h('span', { class: 'badge' }, f)),
        ),
      ),
    );
  }
}
