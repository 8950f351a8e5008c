// The Tune view: the last tune of this window — the winner against Ollama's defaults with the
// gain and how the confirmation ended, a chart of every trial's value (failed trials at zero,
// marked), the Modelfile with Copy Modelfile and Create Tuned Model, and the trials table.
import type { TuneAnswerJson, TuneTrialJson, TuneView } from '../../src/shared/tuneView';
import { barChart } from '../lib/charts';
import { clear, h, icon, thead } from '../lib/dom';
import { seriesColor } from '../lib/theme';
import type { Dashboard } from './context';
import { destroyCharts } from './viewState';
import { button } from './widgets';

/** Asks the host for the last tune (the view renders when it answers). */
export function requestTune(d: Dashboard): void {
  d.api.post({ type: 'tune' });
}

const options = (o: Record<string, number>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ') || 'defaults';

export function renderTune(d: Dashboard, view: TuneView | undefined): void {
  const { tuneView } = d.dom;
  destroyCharts(d.state);
  clear(tuneView);
  tuneView.append(h('h3', null, icon('settings-gear'), ' Tune'));
  if (!view) {
    tuneView.append(
      h(
        'p',
        { class: 'empty' },
        'No tune in this window yet: Tune this Model on a model in the Models view (or ollama-bench tune).',
      ),
    );
    return;
  }
  const a = view.answer;
  tuneView.append(summary(a));
  if (a.best)
    tuneView.append(
      h(
        'div',
        { class: 'actions' },
        button('tune-copy', 'Copy Modelfile', 'copy', () => d.api.post({ type: 'copyModelfile' })),
        button(
          'tune-create',
          'Create Tuned Model',
          'add',
          () => d.api.post({ type: 'createTunedModel' }),
          false,
        ),
      ),
    );
  chart(d, a);
  if (a.modelfile)
    tuneView.append(
      h('pre', { id: 'tune-modelfile' }, a.modelfile),
      h('p', { class: 'muted' }, a.command ?? ''),
    );
  tuneView.append(trialsTable(a));
}

function summary(a: TuneAnswerJson): HTMLElement {
  const lines = [
    `${a.model}, goal ${a.goal} (${a.unit}), ${a.trials.length} trials (a full grid would be ${a.grid_trials}).`,
  ];
  if (a.default) lines.push(`Ollama's defaults: ${a.default.value} ${a.unit}.`);
  if (a.best) {
    const gain =
      a.best.gain_pct === null
        ? ''
        : ` (${a.best.gain_pct >= 0 ? '+' : ''}${a.best.gain_pct} %${a.best.gain_ci95 ? `, 95 % interval ${a.best.gain_ci95[0]} to ${a.best.gain_ci95[1]} %` : ''})`;
    lines.push(
      `Winner: ${options(a.best.options)}: ${a.best.value} ${a.unit}${gain}; ${a.confirmation.replace('_', ' ')}.`,
    );
  } else lines.push('No trial loaded the model.');
  if (a.stopped) lines.push(`The search stopped early: ${a.stopped}.`);
  return h('div', { id: 'tune-summary' }, ...lines.map((l) => h('p', null, l)));
}

function chart(d: Dashboard, a: TuneAnswerJson): void {
  const canvas = h('canvas', {
    id: 'tune-chart',
    role: 'img',
    'aria-label': `${a.unit} of each trial of the tune of ${a.model}; the table below lists them`,
  }) as HTMLCanvasElement;
  d.dom.tuneView.append(h('div', { class: 'chart-box' }, canvas));
  const c = barChart(canvas, d.state.theme, a.unit);
  const winner = a.best ? options(a.best.options) : undefined;
  c.data.labels = a.trials.map((t, i) => `${i + 1} ${t.stage}`);
  c.data.datasets = [
    {
      label: `${a.unit} (failed: 0)`,
      data: a.trials.map((t) => t.value ?? 0),
      backgroundColor: a.trials.map((t) =>
        t.status === 'failed'
          ? seriesColor(d.state.theme, 3)
          : options(t.options) === winner
            ? seriesColor(d.state.theme, 1)
            : seriesColor(d.state.theme, 0),
      ),
    },
  ];
  c.update();
  d.state.charts.push(c);
}

function trialsTable(a: TuneAnswerJson): HTMLElement {
  const row = (t: TuneTrialJson, i: number) =>
    h(
      'tr',
      { class: t.status === 'failed' ? 'failed' : '' },
      h('td', null, String(i + 1)),
      h('td', null, t.stage),
      h('td', null, options(t.options)),
      h('td', null, `×${t.repetitions}`),
      h('td', null, t.value === null ? `failed${t.error ? `: ${t.error}` : ''}` : String(t.value)),
    );
  return h(
    'table',
    { id: 'tune-trials', class: 'data' },
    thead(['#', 'stage', 'options', 'repetitions', a.unit]),
    h('tbody', null, ...a.trials.map(row)),
  );
}
