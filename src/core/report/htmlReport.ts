// One benchmark session as a single self-contained HTML file: machine, Ollama version, methodology
// and options, per test its summary, statistics over the repetitions and charts, the hardware over
// the session with each test's window shaded, the validity flags explained, and — when asked —
// the comparison with baselines and the verdicts. No script and no external resource: the page
// forbids every request with its Content-Security-Policy, so it opens offline and leaks nothing.
import { workloadReportCharts } from './workloadReportCharts';
import type {
  FigureStats,
  HardwareConfig,
  HardwareSample,
  SessionDoc,
  SessionModel,
  SessionTest,
  TestResultDoc,
} from '../../shared/dto';
import { formatBytes } from '../../shared/byteSize';
import { FLAG_HELP, placementText } from '../../shared/flags';
import { testTokensPerSecond } from '../../shared/throughput';
import { TREND_FIGURES } from '../../shared/trendFigures';
import type { ComparisonReport } from '../trends/compareSessions';
import { percentText, pText } from '../trends/comparisonText';
import { changesText } from '../trends/contextChanges';
import { optionsText } from '../trends/comparableKey';
import { escapeHtml as e } from './escapeHtml';
import { pageHead } from './pageHead';
import { svgChart, thin, type SvgBand, type SvgSeries, type XY } from './svgChart';
import { HEADLINE_COLUMNS } from '../../shared/headlineColumns';

export interface ReportComparison {
  baseline: SessionDoc;
  /** One report per figure compared (tokens/s, prompt tokens/s, TTFT). */
  reports: ComparisonReport[];
}

export interface ReportInput {
  session: SessionDoc;
  hardware?: HardwareConfig;
  results: TestResultDoc[];
  comparisons?: ReportComparison[];
  /** Version of ollama-bench that wrote the file. */
  toolVersion: string;
  generatedAt: string;
}

/** Points per hardware series: enough for the chart's width, small enough for the 2 MB budget. */
const MAX_POINTS = 600;
const NA = 'not available';

const num = (v: number | undefined | null, digits = 2) =>
  typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : NA;
const bytes = (v: number | undefined) => (typeof v === 'number' ? formatBytes(v) : NA);
const pct = (v: number | undefined) => (typeof v === 'number' ? `${v.toFixed(1)} %` : NA);
const when = (iso: string | undefined) =>
  iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '';

function table(head: string[], rows: string[][], numeric: boolean[] = [], caption = ''): string {
  const cls = (i: number) => (numeric[i] ? ' class="num"' : '');
  return `<table>${caption ? `<caption>${e(caption)}</caption>` : ''}<thead><tr>${head
    .map((h, i) => `<th scope="col"${cls(i)}>${e(h)}</th>`)
    .join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** Key/value rows; values are already escaped markup. */
function facts(rows: [string, string][]): string {
  return `<table><tbody>${rows
    .map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${v}</td></tr>`)
    .join('')}</tbody></table>`;
}

function machineSection(s: SessionDoc, hw: HardwareConfig | undefined): string {
  const rows: [string, string][] = [['Machine', e(s.machine ?? NA)]];
  if (hw) {
    rows.push(
      ['CPU', e(`${hw.cpu.model} · ${hw.cpu.cores} cores / ${hw.cpu.threads} threads`)],
      [
        'GPU',
        hw.gpu.length
          ? hw.gpu
              .map((g) =>
                e(
                  [g.model, g.memory ? bytes(g.memory) : '', g.driver ? `driver ${g.driver}` : '']
                    .filter(Boolean)
                    .join(' · '),
                ),
              )
              .join('<br>')
          : 'none',
      ],
      ['RAM', e(bytes(hw.ram.total))],
      [
        'OS',
        e(
          `${hw.os.name} ${hw.os.version} · kernel ${hw.os.kernel}${hw.os.arch ? ` · ${hw.os.arch}` : ''}`,
        ),
      ],
    );
  } else rows.push(['Hardware', 'no inventory was taken for this session']);
  if (s.gpu_driver && !hw?.gpu.some((g) => g.driver === s.gpu_driver))
    rows.push(['GPU driver during the run', e(s.gpu_driver)]);
  rows.push(
    ['Ollama version', e(s.ollama_version ?? NA)],
    ['Ollama host', `<code>${e(s.options.host)}</code>`],
  );
  return `<h2 id="machine">Machine</h2>${facts(rows)}`;
}

function methodologySection(s: SessionDoc): string {
  const o = s.options;
  const suites = (o.suites ?? []).map((t) => [`<code>${e(t)}</code>`, e(optionsText(o, t))]);
  return `<h2 id="methodology">Methodology and options</h2>
<p>Each model is unloaded first, then loaded cold by its first request (the load time), then ${o.warmup ? 'one warm-up request that is not counted, then ' : ''}${e(o.repetitions)} measured repetition(s) per test. Rates come from Ollama's own counters (tokens / evaluation time); time to first token (TTFT) and end-to-end time are measured on the client's clock. Temperature is ${e(o.temperature)} and the seed fixed, so runs are comparable. Statistics are over the repetitions: percentiles by linear interpolation, sample standard deviation, 95 % confidence interval of the mean (Student t). A verdict compares repetitions with the Mann-Whitney U test (two-sided) and needs at least 4 repetitions on each side.</p>
${facts([
  ['Repetitions', e(o.repetitions)],
  ['Warm-up', o.warmup ? 'yes (not counted)' : 'no'],
  ['num_ctx', e(o.num_ctx)],
  ['Seed', e(o.seed)],
  ['Temperature', e(o.temperature)],
  ['keep_alive', e(o.keep_alive)],
  ['Hardware sampling', o.sampling_interval_ms ? `every ${e(o.sampling_interval_ms)} ms` : 'off'],
])}
${suites.length ? table(['Test', 'Options sent to Ollama'], suites, [], 'Per test') : ''}`;
}

function gpuUtil(x: HardwareSample): number | undefined {
  const u = (x.gpus ?? [])
    .map((g) => g.utilization)
    .filter((v): v is number => typeof v === 'number');
  return u.length ? u.reduce((a, b) => a + b, 0) / u.length : undefined;
}
function vramUsed(x: HardwareSample): number | undefined {
  const m = (x.gpus ?? [])
    .map((g) => g.memory_used)
    .filter((v): v is number => typeof v === 'number');
  return m.length ? m.reduce((a, b) => a + b, 0) : x.vram_models;
}

const GIB = 1024 ** 3;

/** CPU % and GPU % (left axis), RAM and VRAM GiB (right axis) against seconds since `origin`. */
function hardwareSeries(samples: readonly HardwareSample[], origin: number): SvgSeries[] {
  const pick = (f: (x: HardwareSample) => number | undefined, scale = 1): XY[] =>
    thin(
      samples.flatMap((x) => {
        const v = f(x);
        return typeof v === 'number' && Number.isFinite(v)
          ? [{ x: (x.t - origin) / 1000, y: v / scale }]
          : [];
      }),
      MAX_POINTS,
    );
  return [
    { label: 'CPU %', points: pick((x) => x.cpu_total), color: 'var(--c1)' },
    { label: 'GPU %', points: pick(gpuUtil), color: 'var(--c3)' },
    { label: 'RAM GiB', points: pick((x) => x.mem_used, GIB), color: 'var(--c4)', right: true },
    { label: 'VRAM GiB', points: pick(vramUsed, GIB), color: 'var(--c5)', right: true },
  ];
}

function sessionHardwareChart(s: SessionDoc, results: TestResultDoc[]): string {
  const samples = results.flatMap((r) => r.samples ?? []).sort((a, b) => a.t - b.t);
  if (!samples.length)
    return `<h2 id="hardware">Hardware over the session</h2><p class="muted">No hardware samples were recorded (sampling off, or the machine could not be read).</p>`;
  const origin = Date.parse(s.start_time);
  const bands: SvgBand[] = [];
  for (const m of s.models) {
    for (const t of m.tests) {
      if (!t.start_time || !t.end_time) continue;
      bands.push({
        from: (Date.parse(t.start_time) - origin) / 1000,
        to: (Date.parse(t.end_time) - origin) / 1000,
        label: `${m.name} · ${t.type}`,
      });
    }
  }
  return `<h2 id="hardware">Hardware over the session</h2>
<p class="muted">Shaded: each test's window (cold load and warm-up of a model fall in its first test's window). Hover a band for its test.</p>
${svgChart({
  title: 'Hardware during the session',
  series: hardwareSeries(samples, origin),
  bands,
  xLabel: 'seconds since the session started',
  yLabel: 'usage %',
  y2Label: 'memory GiB',
})}`;
}

const STAT_COLUMNS = ['mean', 'sd', '95 % CI', 'min', 'p50', 'p90', 'p99', 'max', 'cv', 'n'];

function statsTable(stats: Record<string, FigureStats>): string {
  const rows = Object.entries(stats).map(([name, x]) => [
    `<code>${e(name)}</code>`,
    num(x.mean),
    num(x.sd),
    x.ci95 ? `${num(x.ci95[0])} – ${num(x.ci95[1])}` : NA,
    num(x.min),
    num(x.p50),
    num(x.p90),
    num(x.p99),
    num(x.max),
    `${(x.cv * 100).toFixed(1)} %`,
    String(x.n),
  ]);
  if (!rows.length)
    return '<p class="muted">No repetition finished, so there are no statistics.</p>';
  return table(
    ['Figure', ...STAT_COLUMNS],
    rows,
    [false, ...STAT_COLUMNS.map(() => true)],
    'Figures over the repetitions',
  );
}

function repetitionChart(m: SessionModel, t: SessionTest, r: TestResultDoc | undefined): string {
  const reps = r?.metrics.repetitions ?? [];
  if (!reps.length) return '';
  const pts = (f: 'tokens_per_second' | 'ttft_ms') =>
    reps.flatMap((x) => (typeof x[f] === 'number' ? [{ x: x.index + 1, y: x[f] }] : []));
  return svgChart({
    title: `${m.name} · ${t.type}: per repetition`,
    series: [
      { label: 'tokens/s', points: pts('tokens_per_second'), color: 'var(--c1)', dots: true },
      { label: 'TTFT ms', points: pts('ttft_ms'), color: 'var(--c2)', dots: true, right: true },
    ],
    xLabel: 'repetition',
    yLabel: 'tokens/s',
    y2Label: 'TTFT ms',
    formatX: (x) => (Number.isInteger(x) ? String(x) : ''),
    height: 220,
  });
}

function testSection(
  s: SessionDoc,
  m: SessionModel,
  t: SessionTest,
  r: TestResultDoc | undefined,
): string {
  const x = t.metrics;
  const summary = table(
    [...HEADLINE_COLUMNS],
    [
      [
        num(testTokensPerSecond(x)),
        num(x.prompt_tokens_per_second),
        num(x.ttft_ms, 0),
        num(x.tpot_ms),
        num(x.e2e_ms, 0),
        num(x.load_time ?? m.load_time, 0),
        pct(x.cpu_usage),
        pct(x.gpu_usage),
        bytes(x.ram_usage),
        bytes(x.vram_usage),
      ],
    ],
    Array(10).fill(true),
    'Summary',
  );
  const flags = x.flags?.length
    ? `<p>${x.flags.map((f) => `<span class="flag" title="${e(FLAG_HELP[f] ?? f)}">${e(f)}</span> ${e(FLAG_HELP[f] ?? '')}`).join('<br>')}</p>`
    : '';
  const samples = r?.samples ?? [];
  const hw = samples.length
    ? svgChart({
        title: `${m.name} · ${t.type}: hardware`,
        series: hardwareSeries(samples, Date.parse(t.start_time ?? s.start_time)),
        xLabel: 'seconds since the test started',
        yLabel: 'usage %',
        y2Label: 'memory GiB',
        height: 220,
      })
    : '';
  return `<h3 id="${e(`t-${m.name}-${t.type}`)}">${e(m.name)} · test ${e(t.type)} <span class="muted">(${e(t.status)})</span></h3>
${t.error ? `<p class="error">${e(t.error)}</p>` : ''}${summary}${flags}${statsTable(r?.metrics.stats ?? {})}${repetitionChart(m, t, r)}${workloadReportCharts(m, t)}${hw}`;
}

function modelsSection(s: SessionDoc, results: TestResultDoc[]): string {
  const out: string[] = ['<h2 id="results">Results</h2>'];
  for (const m of s.models) {
    const place = placementText(m.placement, m.vram_share);
    out.push(
      `<h3>${e(m.name)}</h3><p class="muted">${[
        m.digest ? `digest <code>${e(m.digest.replace(/^sha256:/, '').slice(0, 12))}</code>` : '',
        place ? `placement: ${e(place)}` : '',
        typeof m.load_time === 'number' ? `cold load ${e(m.load_time.toFixed(0))} ms` : '',
        m.loaded_context_length ? `context ${e(m.loaded_context_length)}` : '',
      ]
        .filter(Boolean)
        .join(' · ')}</p>${m.error ? `<p class="error">${e(m.error)}</p>` : ''}`,
    );
    for (const t of m.tests) {
      const r = results.find((x) =>
        t.result_id ? x._id === t.result_id : x.model_name === m.name && x.test_type === t.type,
      );
      out.push(testSection(s, m, t, r));
    }
  }
  return out.join('\n');
}

function flagsSection(s: SessionDoc): string {
  const seen = new Set(s.models.flatMap((m) => m.tests.flatMap((t) => t.metrics.flags ?? [])));
  return `<h2 id="flags">Flags explained</h2><p class="muted">A flag marks a figure not to be trusted as it is.${seen.size ? ` Raised in this session: ${[...seen].map((f) => `<span class="flag">${e(f)}</span>`).join(' ')}` : ' None was raised in this session.'}</p>
<dl class="flags">${Object.entries(FLAG_HELP)
    .map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`)
    .join('')}</dl>`;
}

function comparisonSection(comparisons: ReportComparison[]): string {
  if (!comparisons.length) return '';
  const out = [
    '<h2 id="comparison">Comparison and verdicts</h2>',
    '<p class="muted">Candidate: this session. Verdict at alpha 0.05 with a minimum effect of 5 %: <span class="verdict-regression">regression</span>, <span class="verdict-improvement">improvement</span>, no_change, or <span class="verdict-insufficient">insufficient</span> (fewer than 4 repetitions on a side).</p>',
  ];
  for (const c of comparisons) {
    const rows = c.reports.flatMap((rep) =>
      rep.comparisons.map((x) => [
        e(x.model),
        e(x.test),
        e(TREND_FIGURES[x.figure].label),
        `${num(x.baseline.median)} (${x.baseline.n})`,
        `${num(x.candidate.median)} (${x.candidate.n})`,
        e(percentText(x.delta_pct)),
        e(pText(x.p_value)),
        `<span class="verdict-${e(x.verdict)}">${e(x.verdict)}</span>${x.reason ? `<br><span class="muted">${e(x.reason)}</span>` : ''}`,
      ]),
    );
    const changed = changesText(c.reports[0]?.changed ?? {});
    out.push(
      `<h3>Against ${e(c.baseline.models.map((m) => m.name).join(', '))} · ${e(when(c.baseline.start_time))} <span class="muted">(session <code>${e(c.baseline._id)}</code>)</span></h3>`,
      rows.length
        ? table(
            [
              'Model',
              'Test',
              'Figure',
              'Baseline median (n)',
              'Candidate median (n)',
              'Change',
              'p',
              'Verdict',
            ],
            rows,
            [false, false, false, true, true, true, true, false],
          )
        : '<p class="muted">Nothing comparable: no model and test in common.</p>',
      `<p>${changed ? `Changed since this baseline: ${e(changed)}` : 'Nothing recorded changed since this baseline.'}</p>`,
    );
  }
  return out.join('\n');
}

export function renderHtmlReport(input: ReportInput): string {
  const s = input.session;
  const title = `Ollama Bench · ${s.models.map((m) => m.name).join(', ')} · ${when(s.start_time)}`;
  return `${pageHead(title, input.toolVersion)}
<body>
<header>
<h1>Ollama Bench report</h1>
<p class="muted">${e(s.models.map((m) => m.name).join(', '))} · started ${e(when(s.start_time))}${s.end_time ? ` · ended ${e(when(s.end_time))}` : ''} · status ${e(s.status)} · session <code>${e(s._id ?? '')}</code>${s.tags.length ? ` · tags ${e(s.tags.join(', '))}` : ''}</p>
${s.error ? `<p class="error">${e(s.error)}</p>` : ''}
</header>
<main>
${machineSection(s, input.hardware)}
${methodologySection(s)}
${sessionHardwareChart(s, input.results)}
${modelsSection(s, input.results)}
${comparisonSection(input.comparisons ?? [])}
${flagsSection(s)}
</main>
<footer>Written by ollama-bench ${e(input.toolVersion)} at ${e(when(input.generatedAt))}. This file is self-contained: it loads nothing and sends nothing.</footer>
</body>
</html>
`;
}
