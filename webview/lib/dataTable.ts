// Every chart has its numbers in a table a screen reader can read: a <details> under the chart,
// rendered only while open (a long series would be a big table) and showing the latest rows.
import type { LiveHardwarePoint } from '../../src/shared/protocol';
import { tail } from './chartData';
import { clear, h, thead } from './dom';
import { fmtBytes, fmtPercent } from './format';

export interface TableSource {
  headers: string[];
  rows(): (string | number)[][];
}

export const TABLE_MAX_ROWS = 300;

/** The hardware chart's numbers: one row per sample, memory in bytes as the tables print them. */
export function hardwareTable(points: () => readonly LiveHardwarePoint[]): TableSource {
  return {
    headers: ['Seconds', 'CPU %', 'GPU %', 'RAM', 'VRAM'],
    rows: () =>
      points().map((p) => [
        (p.t / 1000).toFixed(1),
        fmtPercent(p.cpu),
        fmtPercent(p.gpu),
        fmtBytes(p.ram),
        fmtBytes(p.vram),
      ]),
  };
}

export class ChartTable {
  readonly element: HTMLDetailsElement;
  private readonly body: HTMLElement;

  constructor(
    summary: string,
    private readonly source: TableSource,
  ) {
    this.body = h('div', { class: 'chart-table' });
    this.element = h('details', { class: 'chart-numbers' }, h('summary', null, summary), this.body);
    this.element.addEventListener('toggle', () => this.refresh());
  }

  /** Re-renders when open; cheap when closed. */
  refresh(): void {
    if (!this.element.open) return;
    clear(this.body);
    const { rows, omitted } = tail(this.source.rows(), TABLE_MAX_ROWS);
    if (omitted)
      this.body.append(
        h('p', { class: 'muted' }, `Latest ${rows.length} rows; ${omitted} earlier rows left out.`),
      );
    if (!rows.length) {
      this.body.append(h('p', { class: 'muted' }, 'No data yet.'));
      return;
    }
    this.body.append(
      h(
        'table',
        { class: 'numbers' },
        thead(this.source.headers),
        h(
          'tbody',
          null,
          rows.map((r) =>
            h(
              'tr',
              null,
              r.map((c) => h('td', null, String(c))),
            ),
          ),
        ),
      ),
    );
  }
}
