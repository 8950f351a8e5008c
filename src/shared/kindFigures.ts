// The figures only some tests have, in words both the detail view and the CLI show: a thinking
// model's (first token of any kind, first answer token, thinking tokens, the answer's rate), an
// embedding test's (inputs/s, embedded tokens/s, latency of one input), and a CI target's outcome
// (repetitions run, target reached). Pure: no DOM, no Node.
import type { TestMetrics } from './dto';
import { workloadKindFigures } from './workloadKindFigures';

export interface KindFigure {
  label: string;
  value: string;
  /** What the figure is, for a tooltip. */
  help: string;
}

const fixed = (v: number, digits: number) => v.toFixed(digits);

export function kindFigures(m: TestMetrics): KindFigure[] {
  const out: KindFigure[] = [];
  const put = (label: string, v: number | undefined, digits: number, help: string) => {
    if (v !== undefined) out.push({ label, value: fixed(v, digits), help });
  };
  if (m.thinking_tokens !== undefined) {
    put('TTFT ms (any token)', m.ttft_ms, 0, 'p50 time to the first token, thinking or answer');
    put('TTFA ms', m.ttfa_ms, 0, 'p50 time to the first answer token, after the thinking');
    out.push({
      label: 'Thinking tokens',
      value: `${fixed(m.thinking_tokens, 1)}${m.thinking_tokens_estimated ? ' (estimate)' : ''}`,
      help: m.thinking_tokens_estimated
        ? 'mean per request; an estimate: the streamed chunks did not add up to eval_count, so eval_count was split in their proportion'
        : 'mean per request, counted from the thinking chunks (one per token)',
    });
    put('Answer tok/s', m.answer_tokens_per_second, 1, 'mean answer tokens/s (client clock)');
  }
  put('Inputs/s', m.inputs_per_second, 1, 'mean inputs/s at the best batch size');
  put(
    'Embedded tok/s',
    m.embed_tokens_per_second,
    1,
    "prompt_eval_count over the request's wall time, at the same batch size",
  );
  if (m.inputs_per_second !== undefined) {
    put('Latency p50 ms', m.e2e_ms, 1, 'one-input request, p50');
    put('Latency p90 ms', m.e2e_p90_ms, 1, 'one-input request, p90');
  }
  out.push(...workloadKindFigures(m));
  if (m.repetitions_run !== undefined) {
    out.push({
      label: 'Repetitions',
      value: `${m.repetitions_run}${m.target_ci_reached === false ? ' (CI target not reached)' : m.target_ci_reached ? ' (CI target reached)' : ''}`,
      help: "repeated until the main figure's 95 % CI was within the target, or the cap",
    });
  }
  return out;
}

/** One line for the CLI: "label value · label value", or undefined when there is nothing. */
export function kindFiguresLine(m: TestMetrics): string | undefined {
  const figures = kindFigures(m);
  return figures.length ? figures.map((f) => `${f.label} ${f.value}`).join(' · ') : undefined;
}
