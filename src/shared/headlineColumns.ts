// The headline figures of one test, as the session detail and the HTML report both show them
// (in this order: rates, latencies, load, then the machine).
export const HEADLINE_COLUMNS = [
  'Tokens/s',
  'Prompt tok/s',
  'TTFT p50 ms',
  'TPOT p50 ms',
  'E2E p50 ms',
  'Load ms',
  'CPU % mean',
  'GPU % mean',
  'RAM peak',
  'VRAM peak',
] as const;
