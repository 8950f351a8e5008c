// The Quality tab: each model's latest score on each eval set, with its Wilson 95 % interval, the
// accuracy per category, and the failed items with what was expected and what the model answered.
import type { ModelEvaluation } from '../../src/shared/evaluation';
import type { QualityView } from '../../src/shared/protocol';
import { clear, h, icon, thead } from '../lib/dom';
import type { Dashboard } from './context';

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

/** Asks the host for the evaluations (the tab renders when it answers). */
export function requestQuality(d: Dashboard): void {
  d.api.post({ type: 'quality' });
}

function setTable(evaluations: readonly ModelEvaluation[]): HTMLElement {
  const categories = [...new Set(evaluations.flatMap((e) => Object.keys(e.by_category)))];
  const rows = evaluations.map((e) =>
    h(
      'tr',
      { 'data-model': e.model },
      h('th', { scope: 'row' }, e.model, e.complete ? '' : ' (cancelled)'),
      h('td', { class: 'num' }, pct(e.accuracy)),
      h('td', { class: 'num' }, `${pct(e.ci95[0])} – ${pct(e.ci95[1])}`),
      h('td', { class: 'num' }, `${e.correct}/${e.total}`),
      h(
        'td',
        { class: 'num' },
        e.tokens_per_second === null ? '–' : e.tokens_per_second.toFixed(1),
      ),
      categories.map((c) => {
        const s = e.by_category[c];
        return h(
          'td',
          { class: 'num', 'data-category': c },
          s ? `${pct(s.accuracy)} (${s.correct}/${s.total})` : '–',
        );
      }),
    ),
  );
  return h(
    'table',
    { class: 'data quality-table' },
    thead(['Model', 'Accuracy', '95 % CI', 'Correct', 'Tokens/s', ...categories]),
    h('tbody', null, rows),
  );
}

function failures(e: ModelEvaluation): HTMLElement {
  return h(
    'details',
    { class: 'quality-failures', 'data-model': e.model },
    h('summary', null, `${e.model}: ${e.failures.length} failed`),
    h(
      'table',
      { class: 'data' },
      thead(['Item', 'Expected', 'Got']),
      h(
        'tbody',
        null,
        e.failures.map((f) =>
          h(
            'tr',
            null,
            h('td', null, f.id),
            h('td', null, f.expected),
            h('td', null, h('pre', null, f.got)),
          ),
        ),
      ),
    ),
  );
}

export function renderQuality(d: Dashboard, view: QualityView): void {
  const host = d.dom.qualityView;
  clear(host);
  host.append(h('h3', null, 'Quality'));
  if (!view.evaluations.length) {
    host.append(
      h(
        'p',
        { class: 'notice' },
        icon('info'),
        ' No model has been evaluated yet: run Evaluate Models… or `ollama-bench eval --models …`.',
      ),
    );
    return;
  }
  const bySet = new Map<string, ModelEvaluation[]>();
  for (const e of view.evaluations) bySet.set(e.set.name, [...(bySet.get(e.set.name) ?? []), e]);
  for (const [name, evaluations] of bySet) {
    const [first] = evaluations;
    host.append(
      h('h4', null, `Set ${name}`),
      h(
        'p',
        { class: 'muted' },
        first ? `${first.set.items} items, sha256 ${first.set.hash.slice(0, 12)}` : '',
      ),
      h('div', { class: 'table-host' }, setTable(evaluations)),
      ...evaluations.filter((e) => e.failures.length).map(failures),
    );
  }
}
