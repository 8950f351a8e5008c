// One flat row per (session, model, test): the shape every tabular export shares. Column names are
// the stored field names (docs/ARCHITECTURE.md, "Data model"), so a CSV header reads like the
// CLI's --json output.
import type { SessionDoc, TestMetrics } from '../../shared/dto';
import { WORKLOAD_COLUMNS, workloadColumns } from './workloadColumns';

/** The machine's evidence per test (summary figures over its window), one column each. */
export const EVIDENCE_COLUMNS = [
  'cpu_temp_max_c',
  'gpu_temp_max_c',
  'gpu_power_mean_w',
  'swap_peak',
  'ollama_cpu_usage',
  'ollama_rss_peak',
  'disk_read_bps',
  'disk_write_bps',
  'net_rx_bps',
  'net_tx_bps',
  'energy_j',
  'joules_per_token',
  'tokens_per_joule',
] as const satisfies readonly (keyof TestMetrics)[];

/** Thinking, embedding and CI-target figures per test (absent for tests without them). */
export const KIND_COLUMNS = [
  'ttfa_ms',
  'thinking_tokens',
  'thinking_tokens_estimated',
  'answer_tokens_per_second',
  'inputs_per_second',
  'embed_tokens_per_second',
  'e2e_p90_ms',
  'repetitions_run',
  'target_ci_reached',
] as const satisfies readonly (keyof TestMetrics)[];

export const EXPORT_COLUMNS = [
  'session_id',
  'start_time',
  'end_time',
  'status',
  'tags',
  'machine',
  'model',
  'test_type',
  'test_status',
  'tokens_per_second',
  'tokens_per_second_ci95_low',
  'tokens_per_second_ci95_high',
  'prompt_tokens_per_second',
  'prompt_tokens_per_second_ci95_low',
  'prompt_tokens_per_second_ci95_high',
  'ttft_ms',
  'tpot_ms',
  'e2e_ms',
  'load_time',
  'load_wall_ms',
  'placement',
  'inference_time',
  'aggregate_tokens_per_second',
  'cpu_usage',
  'gpu_usage',
  'ram_usage',
  'vram_usage',
  ...EVIDENCE_COLUMNS,
  'prompt_cached_tokens',
  'loaded_context_length',
  ...KIND_COLUMNS,
  ...WORKLOAD_COLUMNS,
  'flags',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportRow = Record<ExportColumn, string | number | undefined>;

export function sessionRows(sessions: readonly SessionDoc[]): ExportRow[] {
  const rows: ExportRow[] = [];
  for (const s of sessions) {
    const base = {
      session_id: s._id,
      start_time: s.start_time,
      end_time: s.end_time,
      status: s.status,
      tags: s.tags.join(';'),
      machine: s.machine,
    };
    const empty = { test_type: undefined, test_status: undefined, flags: undefined };
    if (!s.models.length) rows.push({ ...blank(), ...base, model: undefined, ...empty });
    for (const m of s.models) {
      if (!m.tests.length) rows.push({ ...blank(), ...base, model: m.name, ...empty });
      for (const t of m.tests) {
        const x: TestMetrics = t.metrics ?? { flags: [] };
        rows.push({
          ...base,
          model: m.name,
          test_type: t.type,
          test_status: t.status,
          tokens_per_second: x.tokens_per_second,
          tokens_per_second_ci95_low: x.ci95?.tokens_per_second?.[0],
          tokens_per_second_ci95_high: x.ci95?.tokens_per_second?.[1],
          prompt_tokens_per_second: x.prompt_tokens_per_second,
          prompt_tokens_per_second_ci95_low: x.ci95?.prompt_tokens_per_second?.[0],
          prompt_tokens_per_second_ci95_high: x.ci95?.prompt_tokens_per_second?.[1],
          ttft_ms: x.ttft_ms,
          tpot_ms: x.tpot_ms,
          e2e_ms: x.e2e_ms,
          load_time: x.load_time ?? m.load_time,
          load_wall_ms: x.load_wall_ms ?? m.load_wall_ms,
          placement: m.placement,
          inference_time: x.inference_time,
          aggregate_tokens_per_second: x.aggregate_tokens_per_second,
          cpu_usage: x.cpu_usage,
          gpu_usage: x.gpu_usage,
          ram_usage: x.ram_usage,
          vram_usage: x.vram_usage,
          ...evidence(x),
          prompt_cached_tokens: x.prompt_cached_tokens,
          loaded_context_length: x.loaded_context_length,
          ...kindColumns(x),
          ...workloadColumns(x),
          flags: (x.flags ?? []).join(';'),
        });
      }
    }
  }
  return rows;
}

/** Booleans as "true" / "false", so every format writes them the same. */
function kindColumns(
  x: TestMetrics,
): Record<(typeof KIND_COLUMNS)[number], string | number | undefined> {
  return Object.fromEntries(
    KIND_COLUMNS.map((c) => {
      const v = x[c];
      return [c, typeof v === 'boolean' ? String(v) : v];
    }),
  ) as Record<(typeof KIND_COLUMNS)[number], string | number | undefined>;
}

function evidence(x: TestMetrics): Record<(typeof EVIDENCE_COLUMNS)[number], number | undefined> {
  return Object.fromEntries(EVIDENCE_COLUMNS.map((c) => [c, x[c]])) as Record<
    (typeof EVIDENCE_COLUMNS)[number],
    number | undefined
  >;
}

function blank(): ExportRow {
  return Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, undefined])) as ExportRow;
}
