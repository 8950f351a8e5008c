// The Machines tab: one model and test across the machines in the store, like for like. One row
// per machine (fingerprint in words, tokens/s, prompt tokens/s, TTFT and J/token as median with
// 95 % interval, n, LocalScore), sorted by the chosen figure with a bar each; the settings left
// out and the run conditions that differ are listed below.
import {
  barShares,
  MACHINE_FIGURE_LABELS,
  MACHINE_SORT_KEYS,
  type MachineSortKey,
  type MachinesRequest,
  type MachinesView,
} from '../../src/shared/machines';
import { figureText, summaryText } from '../../src/shared/machineText';
import { clear, h, thead } from '../lib/dom';
import { save, type Dashboard } from './context';
import { show } from './navigation';
import { single } from './widgets';

/** Asks the host for the saved (or default) model, test and sort. */
export function openMachines(d: Dashboard, request?: MachinesRequest): void {
  const next = request ?? d.state.saved.machines ?? { sort: 'tokens_per_second' as const };
  d.state.saved.machines = next;
  show(d, 'machines');
  save(d);
  d.api.post({ type: 'machines', request: next });
}

function pickers(d: Dashboard, view: MachinesView): HTMLElement {
  const ask = (patch: Partial<MachinesRequest>) =>
    openMachines(d, { model: view.model, suite: view.suite, sort: view.sort, ...patch });
  const suites = view.choices.find((c) => c.model === view.model)?.suites ?? [];
  return h(
    'div',
    { class: 'filters' },
    single(
      'machines-model',
      'Model',
      view.choices.map((c) => c.model),
      view.model,
      (v) => ask({ model: v || undefined, suite: undefined }),
    ),
    single('machines-suite', 'Test', suites, view.suite, (v) => ask({ suite: v || undefined })),
    single(
      'machines-sort',
      'Sort by',
      MACHINE_SORT_KEYS.map((k) => ({ value: k, label: MACHINE_FIGURE_LABELS[k] })),
      view.sort,
      (v) => ask({ sort: (v || 'tokens_per_second') as MachineSortKey }),
    ),
  );
}

export function renderMachines(d: Dashboard, view: MachinesView): void {
  const host = d.dom.machinesView;
  d.state.saved.machines = { model: view.model, suite: view.suite, sort: view.sort };
  save(d);
  show(d, 'machines');
  clear(host);
  host.append(
    h('h3', null, `Machines · ${view.model} · ${view.setting}`),
    pickers(d, view),
    h(
      'p',
      { class: 'muted' },
      `Median [95 % interval] over each machine's comparable results; sorted by ${MACHINE_FIGURE_LABELS[view.sort]}. LocalScore = 10 · ∛(prompt tok/s · tokens/s · 1000 / TTFT ms).`,
    ),
  );
  const shares = barShares(view);
  const body = h('tbody');
  view.machines.forEach((r, i) => {
    const bar = h('div', { class: 'rank-bar', 'aria-hidden': 'true' });
    const seg = h('span', { class: 'rank-seg-0' });
    seg.style.width = `${((shares[i] ?? 0) * 100).toFixed(1)}%`;
    bar.append(seg);
    body.append(
      h(
        'tr',
        { 'data-machine': r.machine_id },
        h('td', null, String(i + 1)),
        h(
          'th',
          { scope: 'row' },
          r.hostname,
          h('div', { class: 'muted machine-summary' }, summaryText(r.summary)),
        ),
        h('td', { class: 'num' }, figureText(r.tokens_per_second)),
        h('td', { class: 'num' }, figureText(r.prompt_tokens_per_second)),
        h('td', { class: 'num' }, figureText(r.ttft_ms)),
        h('td', { class: 'num' }, figureText(r.joules_per_token)),
        h('td', { class: 'num' }, String(r.n)),
        h('td', { class: 'num' }, r.localscore === undefined ? '-' : r.localscore.toFixed(0)),
        h('td', null, bar),
      ),
    );
  });
  host.append(
    h(
      'table',
      { class: 'data', id: 'machines-table' },
      thead([
        '#',
        'Machine',
        'tokens/s',
        'prompt tokens/s',
        'TTFT ms',
        'J/token',
        'n',
        'LocalScore',
        MACHINE_FIGURE_LABELS[view.sort],
      ]),
      body,
    ),
  );
  const notes = [
    ...view.differences.map((x) => `${x.condition} differs: ${x.values.join(' | ')}`),
    ...view.excluded.map((x) => `${x.hostname}: ${x.n} result(s) at ${x.setting} not compared`),
  ];
  if (notes.length)
    host.append(
      h('ul', { class: 'muted', id: 'machines-notes' }, ...notes.map((n) => h('li', null, n))),
    );
}
