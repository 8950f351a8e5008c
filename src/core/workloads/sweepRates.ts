// The rates a sweep tries between its two measured ends, as GuideLLM's sweep does: after the
// synchronous level (one request at a time) and the throughput level (as fast as the server
// takes them), `count` rates spread evenly between their achieved rates, ends excluded. Pure.

export function sweepRates(synchronousRps: number, throughputRps: number, count: number): number[] {
  const low = Math.max(0, Math.min(synchronousRps, throughputRps));
  const high = Math.max(synchronousRps, throughputRps);
  const step = (high - low) / (count + 1);
  return Array.from(
    { length: count },
    (_, i) => Math.round((low + step * (i + 1)) * 1000) / 1000,
  ).filter((r) => r > 0);
}
