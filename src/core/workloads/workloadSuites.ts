// The built-in suites of the workload kinds: `depth` (a question asked after 0 to 32k tokens of
// context), `prefix` (one long document, several questions) and `rate` (short requests arriving at
// a rate). Their levels come from the run's options (--depths, --rate, --sweep, …; see
// workloadOptions.ts), so one suite of each serves every sweep.
import type { SuiteDefinition } from '../../shared/dto';
import { SUITE_B_PROMPT } from '../bench/promptText';

export const WORKLOAD_SUITES: readonly SuiteDefinition[] = [
  {
    name: 'depth',
    description:
      'Context depth: the same question after about 0, 2k, 8k and 32k tokens of context (--depths), capped below num_ctx − num_predict; prefill and decode tokens/s and TTFT per depth.',
    kind: 'depth',
    tags: ['builtin', 'workload'],
    prompts: ['In one sentence: what is the text above about?'],
    options: { num_predict: 32 },
    builtin: true,
  },
  {
    name: 'prefix',
    description:
      'Shared prefix: one long document (about 2 000 tokens), then different questions about it; TTFT and prefill cold and warm, and the share of the prompt Ollama reused from its cache.',
    kind: 'prefix',
    tags: ['builtin', 'workload'],
    prompts: [
      SUITE_B_PROMPT,
      'Who built the fourth timekeeper, and when was it finished?',
      'Why was the lunar method slow for a navigator?',
      'What does an error of four seconds in the chronometer become?',
      'Name two makers who simplified the design for manufacture.',
    ],
    options: { num_predict: 32 },
    builtin: true,
  },
  {
    name: 'rate',
    description:
      'Arrival rates: short requests arriving at --rate per second (constant or Poisson) whether or not earlier ones finished, or a --sweep; throughput, TTFT, TPOT, ITL, e2e, goodput against the SLO and the highest sustainable rate.',
    kind: 'rate',
    tags: ['builtin', 'workload'],
    prompts: [
      'Write two sentences about the history of the bicycle.',
      'Give three tips for keeping houseplants alive.',
      'Explain in two sentences what a compiler does.',
      'Describe a sunrise over the sea in two sentences.',
    ],
    options: { num_predict: 64 },
    builtin: true,
  },
];
