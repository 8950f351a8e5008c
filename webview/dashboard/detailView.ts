// One session in full: its actions (tags, export, copy, delete), the facts of the run (models,
// duration, machine, Ollama, options) and a card per model × test.
import type { SessionModel } from '../../src/shared/dto';
import { placementText } from '../../src/shared/flags';
import { fitAccuracyText } from '../../src/shared/fitAccuracy';
import type { SessionDetail } from '../../src/shared/protocol';
import { clear, h } from '../lib/dom';
import { machineChartGroupsView } from '../lib/machineCharts';
import { fmt, fmtBytes, fmtDate, fmtDuration, NOT_AVAILABLE } from '../lib/format';
import { save, type Dashboard } from './context';
import { sessionExportButtons } from './exportActions';
import { backButton, show } from './navigation';
import { testCard } from './testCard';
import { verdictBlock } from './verdictBlock';
import { PINNED_BASELINE_TAG } from '../../src/shared/trends';
import { destroyCharts } from './viewState';
import { button } from './widgets';

function facts(detail: SessionDetail): HTMLElement {
  const s = detail.session;
  const hw = detail.hardware;
  return h(
    'dl',
    { class: 'facts' },
    h('dt', null, 'Models'),
    h('dd', null, s.models.map((m) => m.name).join(', ')),
    h('dt', null, 'Duration'),
    h(
      'dd',
      null,
      fmtDuration(s.end_time ? Date.parse(s.end_time) - Date.parse(s.start_time) : undefined),
    ),
    h('dt', null, 'Tags'),
    h('dd', null, s.tags.length ? s.tags.map((t) => h('span', { class: 'tag' }, t)) : '–'),
    h('dt', null, 'Machine'),
    h(
      'dd',
      null,
      hw
        ? `${hw.cpu.model} · ${hw.gpu.map((g) => g.model).join(', ') || 'no GPU found'} · ${fmtBytes(hw.ram.total)} RAM · ${hw.os.name} ${hw.os.version}`
        : (s.machine ?? NOT_AVAILABLE),
    ),
    h('dt', null, 'Ollama'),
    h('dd', null, `${s.options.host}${s.ollama_version ? ` · ${s.ollama_version}` : ''}`),
    h('dt', null, 'Options'),
    h(
      'dd',
      null,
      `${s.options.repetitions} repetitions · num_ctx ${s.options.num_ctx} · seed ${s.options.seed} · temperature ${s.options.temperature} · keep_alive ${s.options.keep_alive}`,
    ),
    s.partitions?.length
      ? [
          h('dt', null, 'File systems'),
          h(
            'dd',
            null,
            s.partitions
              .map(
                (p) => `${p.mount} (${p.fstype}) ${fmtBytes(p.used)} of ${fmtBytes(p.total)} used`,
              )
              .join(' · '),
          ),
        ]
      : null,
    s.error ? [h('dt', null, 'Error'), h('dd', { class: 'error-text' }, s.error)] : null,
  );
}

export function renderDetail(d: Dashboard, detail: SessionDetail): void {
  const { detailView } = d.dom;
  show(d, 'detail');
  d.state.saved.detailId = detail.session._id;
  save(d);
  destroyCharts(d.state);
  clear(detailView);
  const s = detail.session;
  const id = s._id ?? '';
  detailView.append(
    h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Session actions' },
      backButton(d),
      h('span', { class: 'spacer' }),
      button('edit-tags', 'Edit tags…', 'tag', () => d.api.post({ type: 'editTags', id })),
      // Trends: Pin as Baseline (a tag) and the self-contained HTML report.
      button(
        'pin-baseline',
        s.tags.includes(PINNED_BASELINE_TAG) ? 'Unpin baseline' : 'Pin as Baseline',
        'pinned',
        () => d.api.post({ type: 'pinBaseline', id }),
      ),
      button('export-report', 'Export HTML report…', 'file-code', () =>
        d.api.post({ type: 'exportReport', id }),
      ),
      ...sessionExportButtons(d, id),
      button('delete-session', 'Delete…', 'trash', () => d.api.post({ type: 'delete', ids: [id] })),
    ),
    h(
      'h3',
      null,
      `Session ${fmtDate(s.start_time)} · `,
      h('span', { class: `status status-${s.status}` }, s.status),
    ),
    facts(detail),
    machineSection(d, detail),
  );
  let chartIndex = 0;
  for (const m of s.models) {
    const section = h(
      'section',
      { class: 'model', 'aria-label': m.name },
      h('h4', null, m.name, h('span', { class: 'muted' }, modelFacts(m))),
    );
    if (m.error) section.append(h('p', { class: 'error-text' }, m.error));
    // The fit advisor's prediction beside what Ollama reported after the load.
    const fit = fitAccuracyText(m);
    if (fit) section.append(h('p', { class: 'muted fit-accuracy' }, fit));
    for (const t of m.tests) {
      const r = detail.results.find(
        (x) =>
          (t.result_id && x._id === t.result_id) ||
          (x.model_name === m.name && x.test_type === t.type),
      );
      section.append(testCard(d.state, m, t, r, chartIndex));
      const verdicts = verdictBlock(detail.verdicts, m.name, t.type);
      if (verdicts) section.append(verdicts);
      if (r) chartIndex++;
    }
    detailView.append(section);
  }
  detailView.querySelector<HTMLElement>('#back')?.focus();
}

/** Every figure the sampler recorded over the whole session, with the tests as phases. */
function machineSection(d: Dashboard, detail: SessionDetail): HTMLElement {
  const notes = detail.session.machine_notes ?? [];
  const section = h(
    'details',
    { class: 'machine', id: 'machine-charts', open: true },
    h('summary', null, 'The machine during the session'),
    notes.map((n) => h('p', { class: 'muted machine-note' }, n)),
  );
  const machine = detail.machine;
  if (!machine) {
    section.append(h('p', { class: 'muted' }, `Hardware samples: ${NOT_AVAILABLE}.`));
    return section;
  }
  section.append(
    machineChartGroupsView(
      { theme: () => d.state.theme, phases: () => machine.phases, charts: d.state.charts },
      machine.groups,
    ),
  );
  return section;
}

/** " · cold load 1234 ms (1530 ms to the first token) · CPU only" */
function modelFacts(m: SessionModel): string {
  const load =
    m.load_time !== undefined
      ? `cold load ${fmt(m.load_time, 0)} ms${m.load_wall_ms !== undefined ? ` (${fmt(m.load_wall_ms, 0)} ms to the first token)` : ''}`
      : m.load_wall_ms !== undefined
        ? `cold load ${fmt(m.load_wall_ms, 0)} ms to the first token (Ollama reported no load_duration)`
        : '';
  return [load, placementText(m.placement, m.vram_share)]
    .filter(Boolean)
    .map((x) => ` · ${x}`)
    .join('');
}
