// What the Models tree shows, as plain data: the host turns these into TreeItems, so the wording,
// the tooltip and the view's states are testable without VS Code.
import type { ModelInfo } from '../../shared/dto';
import type { FitReport } from '../../shared/fitReport';
import { formatBytes } from '../../shared/byteSize';
import { describeLoad, describeModel } from '../ollama/modelPresentation';

export type ModelIconKind =
  | 'idle'
  | 'loaded-gpu'
  | 'loaded-partial'
  | 'loaded-cpu'
  // Not loaded: the fit advisor's verdict at the configured num_ctx.
  | 'fit-fits'
  | 'fit-partial'
  | 'fit-cpu'
  | 'fit-too_big';

/** The fit advisor's verdict of a model at the configured num_ctx (none: not estimated). */
export interface ModelFit {
  report: FitReport;
  numCtx: number;
}

const FIT_WORDS: Record<FitReport['verdict'], string> = {
  fits: 'fits in VRAM',
  partial: 'would spill to CPU',
  cpu: 'CPU only (no GPU)',
  too_big: 'too big',
};

function fitLine(fit: ModelFit): string {
  const r = fit.report;
  const gb = (b: number) => formatBytes(b);
  const parts = [`${FIT_WORDS[r.verdict]} at num_ctx ${fit.numCtx.toLocaleString('en-US')}`];
  parts.push(
    `needs ≈ ${gb(r.total_bytes)}${r.vram_bytes !== null ? ` of ${gb(r.vram_bytes)} VRAM` : ''}`,
  );
  if (r.verdict === 'partial')
    parts.push(`about ${Math.round((1 - r.gpu_share) * 100)} % on the CPU`);
  if (r.max_num_ctx_in_vram !== null)
    parts.push(`largest num_ctx in VRAM ${r.max_num_ctx_in_vram.toLocaleString('en-US')}`);
  return parts.join('; ');
}

export interface ModelRow {
  /** Stable id (the model name is unique in Ollama). */
  id: string;
  label: string;
  description: string;
  /** Markdown for the tooltip. */
  tooltip: string;
  icon: ModelIconKind;
  /** For `viewItem` when-clauses: "model" or "model.loaded". */
  contextValue: 'model' | 'model.loaded';
  /** What a screen reader reads for the row. */
  accessibilityLabel: string;
}

function iconOf(m: ModelInfo): ModelIconKind {
  if (!m.loaded) return 'idle';
  if (m.vram_share === undefined || m.vram_share >= 0.995) return 'loaded-gpu';
  return m.vram_share <= 0 ? 'loaded-cpu' : 'loaded-partial';
}

/** Escapes text that comes from the server before it goes into a Markdown tooltip. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>-]/g, (c) => `\\${c}`);
}

export function modelTooltip(m: ModelInfo, fit?: ModelFit): string {
  const rows: [string, string | undefined][] = [
    ['Family', m.families?.length ? m.families.join(', ') : m.family],
    ['Parameters', m.parameter_size],
    ['Quantization', m.quantization_level],
    ['Format', m.format],
    ['Size on disk', formatBytes(m.size)],
    ['Context length', m.context_length?.toLocaleString('en-US')],
    ['Capabilities', m.capabilities?.join(', ')],
    ['Status', describeLoad(m)],
    ['In VRAM', m.loaded && m.size_vram !== undefined ? formatBytes(m.size_vram) : undefined],
    [
      'Loaded context',
      m.loaded_context_length !== undefined
        ? m.loaded_context_length.toLocaleString('en-US')
        : undefined,
    ],
    ['Unloads at', m.loaded ? m.expires_at : undefined],
    ['Modified', m.modified_at],
    ['Digest', m.digest ? m.digest.slice(0, 12) : undefined],
    ['Fit (estimate)', fit ? fitLine(fit) : undefined],
  ];
  const lines = rows.filter((r): r is [string, string] => !!r[1]).map(([k, v]) => `${k}: ${md(v)}`);
  // Two trailing spaces end a Markdown line without starting a paragraph.
  return [`**${md(m.name)}**`, '', ...lines.map((l) => `${l}  `)].join('\n');
}

export function modelRow(m: ModelInfo, fit?: ModelFit): ModelRow {
  const base = describeModel(m);
  const description = m.loaded ? `${base} — ${describeLoad(m)}` : base;
  // Idle: the estimate at the configured num_ctx, as icon, tooltip and what a screen reader reads;
  // loaded: where it really runs beats the estimate.
  const verdict = !m.loaded && fit ? FIT_WORDS[fit.report.verdict] : undefined;
  return {
    id: m.name,
    label: m.name,
    description,
    tooltip: modelTooltip(m, fit),
    icon: !m.loaded && fit ? `fit-${fit.report.verdict}` : iconOf(m),
    contextValue: m.loaded ? 'model.loaded' : 'model',
    accessibilityLabel: `${m.name}, ${description}${verdict ? `, ${verdict}` : ''}`,
  };
}

/** The states the Models view can be in; each non-ok one has its own welcome content. */
export type ModelsViewState = 'loading' | 'ok' | 'empty' | 'unreachable' | 'badHost';
