// The workload kinds' figures in words, for the detail view and the line below the CLI's table:
// a depth sweep's tokens/s per depth, a shared prefix's cold and warm TTFT and reuse, a rate
// test's highest sustainable rate, best goodput and SLO. Pure: no DOM, no Node.
import type { KindFigure } from './kindFigures';
import type { SloSpec, WorkloadMetrics } from './workloadTypes';

const SLO_WORDS: Record<string, string> = {
  ttft_ms: 'TTFT',
  tpot_ms: 'TPOT',
  itl_ms: 'ITL',
  e2e_ms: 'e2e',
};

export function sloWords(slo: SloSpec): string {
  return Object.entries(slo.bounds)
    .map(([k, v]) => `${SLO_WORDS[k] ?? k} p${slo.percentile} ≤ ${v} ms`)
    .join(', ');
}

export function workloadKindFigures(m: WorkloadMetrics): KindFigure[] {
  const out: KindFigure[] = [];
  for (const l of m.depth_levels ?? []) {
    out.push({
      label: `@${l.depth} tok/s`,
      value: `${l.tokens_per_second?.toFixed(1) ?? '—'} (prefill ${l.prompt_tokens_per_second?.toFixed(0) ?? '—'}, TTFT ${l.ttft_ms?.toFixed(0) ?? '—'} ms)`,
      help: `decode tokens/s after ${l.prompt_tokens} prompt tokens by Ollama's count; prefill tokens/s and p50 TTFT at that depth`,
    });
  }
  if (m.ttft_cold_ms !== undefined || m.ttft_warm_ms !== undefined)
    out.push({
      label: 'TTFT cold/warm ms',
      value: `${m.ttft_cold_ms?.toFixed(0) ?? '—'} / ${m.ttft_warm_ms?.toFixed(0) ?? '—'}`,
      help: 'p50 time to first token of the request that processed the shared prefix, and of those that reused it',
    });
  if (m.prefix_reuse_ratio !== undefined)
    out.push({
      label: 'Prefix reuse',
      value: `${(m.prefix_reuse_ratio * 100).toFixed(0)} %`,
      help: "cached tokens ÷ prompt tokens of the warm requests (Ollama's prompt_eval_cached_count)",
    });
  if (m.rate_levels) {
    out.push({
      label: 'Max sustainable rps',
      value:
        m.max_sustainable_rps === null || m.max_sustainable_rps === undefined
          ? 'none met the SLO'
          : m.max_sustainable_rps.toFixed(2),
      help: 'the highest arrival rate whose p90 latencies all met the SLO',
    });
    if (m.goodput_rps !== undefined)
      out.push({
        label: 'Goodput rps',
        value: m.goodput_rps.toFixed(2),
        help: 'the best level: requests per second that met every SLO bound',
      });
    if (m.slo)
      out.push({
        label: 'SLO',
        value: `${m.slo.name} (${sloWords(m.slo)})`,
        help: 'what goodput is judged against',
      });
    if (m.sweep_stopped)
      out.push({
        label: 'Sweep stopped',
        value: m.sweep_stopped,
        help: 'why the sweep ended before its last level',
      });
  }
  return out;
}
