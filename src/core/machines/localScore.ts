// LocalScore (localscore.ai): one number for a machine running a model, the geometric mean of
// prompt processing speed, generation speed and the inverse of the time to the first token,
// scaled by 10: 10 · ∛(prompt tok/s · tokens/s · 1000 / TTFT ms). Shown beside the figures it
// comes from, never instead of them (docs/metrics.md).

/** The score, or undefined when a figure is missing or not positive. */
export function localScore(
  promptTokensPerSecond: number | undefined,
  tokensPerSecond: number | undefined,
  ttftMs: number | undefined,
): number | undefined {
  if (promptTokensPerSecond === undefined || tokensPerSecond === undefined || ttftMs === undefined)
    return undefined;
  if (!(promptTokensPerSecond > 0 && tokensPerSecond > 0 && ttftMs > 0)) return undefined;
  return 10 * Math.cbrt((promptTokensPerSecond * tokensPerSecond * 1000) / ttftMs);
}
