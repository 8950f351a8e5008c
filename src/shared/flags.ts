// What each validity flag means, in the words every view shows on hover (the rules themselves are
// in src/core/bench/validity.ts and machineFlags.ts).
import type { ModelPlacement, ValidityFlag } from './dto';

export const FLAG_HELP: Record<ValidityFlag, string> = {
  unstable: 'Coefficient of variation above 10 %: run more repetitions or on a quieter machine.',
  cpu_spill:
    'Part of the model ran outside the GPU (size_vram below size on a machine with a GPU): its figures are lower than a model that fits.',
  truncated: 'Generation stopped at the context length before the asked number of tokens.',
  cache_hit: 'Prompt tokens came from the cache, so the prompt rate is too high to trust.',
  implausible:
    'A figure that cannot be right: tokens generated in under 1 ms, or a rate above 10 × the test’s median.',
  serialized:
    'Ollama served the parallel streams of a concurrency level one after another (aggregate tok/s no more than 10 % above k = 1, time to first token growing with the place in the queue): that level measured queueing, not parallel decoding.',
  ctx_reduced:
    'Ollama loaded the model with a smaller context than asked (/api/ps context_length below num_ctx): the figures hold for the loaded context.',
  throttled:
    'The machine slowed itself down during the test: the GPU reported thermal or power throttling, or the CPU clock fell 15 % or more below its start while the CPU was hot (80 °C or more).',
  busy_machine:
    'Other programs used more than 20 % of the CPU during the test (total CPU minus Ollama’s and Ollama Bench’s own), so the figure may be low for reasons outside the model.',
};

export function flagHelp(flag: string): string {
  return FLAG_HELP[flag as ValidityFlag] ?? flag;
}

/** How a model's placement reads: "in VRAM", "62 % in VRAM, the rest on the CPU", "CPU only". */
export function placementText(placement: ModelPlacement | undefined, vramShare?: number): string {
  switch (placement) {
    case 'gpu':
      return 'in VRAM';
    case 'partial':
      return `${Math.round((vramShare ?? 0) * 100)} % in VRAM, the rest on the CPU`;
    case 'cpu':
      return 'CPU only';
    default:
      return '';
  }
}
