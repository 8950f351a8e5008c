// The words for one finished repetition ("k=2, 412.0 tok/s aggregate, TTFT 85 ms"), shared by the
// runner's log and the CLI's progress lines so both say the same thing.
import type { RepetitionFigures } from '../../shared/dto';

export function repetitionFiguresText(f: RepetitionFigures): string {
  return [
    f.concurrency !== undefined ? `k=${f.concurrency}` : undefined,
    f.aggregate_tokens_per_second !== undefined
      ? `${f.aggregate_tokens_per_second.toFixed(1)} tok/s aggregate`
      : undefined,
    f.tokens_per_second !== undefined ? `${f.tokens_per_second.toFixed(1)} tok/s` : undefined,
    f.prompt_tokens_per_second !== undefined
      ? `prompt ${f.prompt_tokens_per_second.toFixed(1)} tok/s`
      : undefined,
    f.ttft_ms !== undefined ? `TTFT ${f.ttft_ms.toFixed(0)} ms` : undefined,
    f.done_reason && f.done_reason !== 'stop' && f.done_reason !== 'length'
      ? `done: ${f.done_reason}`
      : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

/** "llama3.2 · A · repetition 2/3: 41.2 tok/s, TTFT 85 ms". */
export function repetitionLine(
  model: string,
  test: string,
  figures: RepetitionFigures,
  done: number,
  planned: number,
): string {
  return `${model} · ${test} · repetition ${done}/${planned}: ${repetitionFiguresText(figures)}`;
}
