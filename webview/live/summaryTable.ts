// The summary once the session is stored: every model × test with its figures and flags, and the
// session's duration.
import type { SessionDoc } from '../../src/shared/dto';
import { testTokensPerSecond } from '../../src/shared/throughput';
import { clear, h, thead } from '../lib/dom';
import { fmt, fmtBytes, fmtDuration, fmtPercent } from '../lib/format';

const COLUMNS = [
  'Model',
  'Test',
  'Status',
  'Tokens/s',
  'Prompt tok/s',
  'TTFT ms',
  'TPOT ms',
  'Load ms',
  'CPU %',
  'GPU %',
  'RAM peak',
  'VRAM peak',
  'Flags',
];

/** Fills `section` with the summary of `session`, or hides it while there is none. */
export function renderSummary(section: HTMLElement, session: SessionDoc | undefined): void {
  section.hidden = !session;
  clear(section);
  if (!session) return;
  const s = session;
  section.append(
    h('h3', { id: 'summary-title' }, 'Summary'),
    h(
      'table',
      { class: 'grid', id: 'summary-table' },
      thead(COLUMNS),
      h(
        'tbody',
        null,
        s.models.flatMap((m) =>
          m.tests.map((t) => {
            const x = t.metrics;
            return h(
              'tr',
              null,
              h('td', null, m.name),
              h('td', null, t.type),
              h('td', null, t.status),
              h('td', { class: 'num' }, fmt(testTokensPerSecond(x))),
              h('td', { class: 'num' }, fmt(x.prompt_tokens_per_second)),
              h('td', { class: 'num' }, fmt(x.ttft_ms, 0)),
              h('td', { class: 'num' }, fmt(x.tpot_ms)),
              h('td', { class: 'num' }, fmt(x.load_time ?? m.load_time, 0)),
              h('td', { class: 'num' }, fmtPercent(x.cpu_usage)),
              h('td', { class: 'num' }, fmtPercent(x.gpu_usage)),
              h('td', { class: 'num' }, fmtBytes(x.ram_usage)),
              h('td', { class: 'num' }, fmtBytes(x.vram_usage)),
              h('td', null, x.flags.join(', ')),
            );
          }),
        ),
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      `Duration ${fmtDuration(s.end_time ? Date.parse(s.end_time) - Date.parse(s.start_time) : undefined)}.`,
    ),
  );
}
