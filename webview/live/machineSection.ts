// The live panel's machine section: every figure the sampler records (CPU with the per-core
// heatmap, memory, I/O, Ollama's processes, each GPU) as chart groups with the run's phases,
// rebuilt at most every REDRAW_MS while the session runs so many small charts stay cheap.
import type { HardwareSample } from '../../src/shared/dto';
import { machineChartGroups } from '../../src/shared/machineCharts';
import { applyTheme, type Chart } from '../lib/charts';
import { clear, h } from '../lib/dom';
import { NOT_AVAILABLE } from '../lib/format';
import { machineChartGroupsView } from '../lib/machineCharts';
import type { ThemeColors } from '../lib/theme';
import type { LiveState } from './liveState';

const REDRAW_MS = 2000;

export interface LiveMachine {
  readonly element: HTMLElement;
  readonly body: HTMLElement;
  samples: HardwareSample[];
  charts: Chart[];
  drawnAt: number;
  timer: number | undefined;
}

export function createLiveMachine(): LiveMachine {
  const body = h('div', { class: 'machine-body' });
  const element = h(
    'details',
    { id: 'live-machine', class: 'machine', open: true },
    h('summary', null, h('h3', { class: 'inline-heading' }, 'The machine')),
    body,
  );
  return { element, body, samples: [], charts: [], drawnAt: 0, timer: undefined };
}

export function resetMachine(m: LiveMachine, samples: readonly HardwareSample[]): void {
  m.samples = [...samples];
  m.drawnAt = 0;
}

export function addMachineSamples(m: LiveMachine, samples: readonly HardwareSample[]): void {
  m.samples.push(...samples);
}

function draw(m: LiveMachine, state: LiveState): void {
  m.drawnAt = Date.now();
  for (const c of m.charts) c.destroy();
  m.charts = [];
  clear(m.body);
  const [firstSample] = m.samples;
  if (!firstSample) {
    m.body.append(h('p', { class: 'muted' }, `Hardware samples: ${NOT_AVAILABLE} yet.`));
    return;
  }
  const origin = state.snap?.startedAt ?? firstSample.t;
  m.body.append(
    machineChartGroupsView(
      { theme: () => state.theme, phases: () => state.phases, charts: m.charts },
      machineChartGroups(m.samples, origin),
    ),
  );
}

/** Redraws now when due (or when the session is over), else once the interval has passed. */
export function renderMachine(m: LiveMachine, state: LiveState): void {
  const wait = REDRAW_MS - (Date.now() - m.drawnAt);
  if (wait <= 0 || state.snap?.status !== 'running') {
    if (m.timer !== undefined) window.clearTimeout(m.timer);
    m.timer = undefined;
    draw(m, state);
    return;
  }
  m.timer ??= window.setTimeout(() => {
    m.timer = undefined;
    draw(m, state);
  }, wait);
}

export function rethemeMachine(m: LiveMachine, theme: ThemeColors): void {
  for (const c of m.charts) applyTheme(c, theme);
}
