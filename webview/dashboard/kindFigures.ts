// The figures only thinking, embedding and CI-target tests have (src/shared/kindFigures.ts), as a
// one-row table in a test's card; nothing for a test without them.
import type { SessionTest } from '../../src/shared/dto';
import { kindFigures } from '../../src/shared/kindFigures';
import { h } from '../lib/dom';

export function kindFiguresTable(t: SessionTest): HTMLElement | undefined {
  const figures = kindFigures(t.metrics);
  if (!figures.length) return undefined;
  return h(
    'table',
    { class: 'grid summary kind-figures' },
    h('caption', null, 'Thinking, embedding, workloads and repetitions'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        figures.map((f) => h('th', { scope: 'col', class: 'num', title: f.help }, f.label)),
      ),
    ),
    h(
      'tbody',
      null,
      h(
        'tr',
        null,
        figures.map((f) => h('td', { class: 'num' }, f.value)),
      ),
    ),
  );
}
