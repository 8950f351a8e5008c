// The use cases a store starts with. A user edits or extends them in the `use_cases` collection;
// a stored use case with a default's name replaces that default. Where answers matter (chat, code,
// long documents) accuracy on the eval set `core` counts beside speed; its weight comes on top of
// the speed weights, which sum to 1, so a store without evaluations (the criterion is then left
// out) ranks exactly as by speed alone.
import type { UseCase } from '../../shared/rank/useCase';

export const DEFAULT_USE_CASES: readonly UseCase[] = [
  {
    name: 'chat',
    title: 'Interactive chat',
    description:
      'A person waits on every answer: a fast first token and a steady stream matter most.',
    criteria: [
      { figure: 'ttft_ms', suite: 'A', weight: 0.35 },
      { figure: 'tokens_per_second', suite: 'A', weight: 0.35 },
      { figure: 'load_time', suite: 'A', weight: 0.1 },
      { figure: 'vram_usage', suite: 'A', weight: 0.2 },
      { figure: 'accuracy', suite: 'core', weight: 0.3 },
    ],
    builtin: true,
  },
  {
    name: 'long-documents',
    title: 'Long documents / RAG',
    description:
      'Long prompts in, short answers out: prompt processing and the first token dominate.',
    criteria: [
      { figure: 'prompt_tokens_per_second', suite: 'B', weight: 0.4 },
      { figure: 'ttft_ms', suite: 'B', weight: 0.3 },
      { figure: 'tokens_per_second', suite: 'A', weight: 0.1 },
      { figure: 'vram_usage', suite: 'B', weight: 0.2 },
      { figure: 'accuracy', suite: 'core', weight: 0.25 },
    ],
    builtin: true,
  },
  {
    name: 'batch',
    title: 'Batch throughput',
    description: 'Many requests at once, nobody waiting on one: total tokens/s under concurrency.',
    criteria: [
      { figure: 'aggregate_tokens_per_second', suite: 'C', weight: 0.6 },
      { figure: 'tokens_per_second', suite: 'A', weight: 0.2 },
      { figure: 'vram_usage', suite: 'C', weight: 0.2 },
    ],
    builtin: true,
  },
  {
    name: 'code-completion',
    title: 'Code completion',
    description: 'Short completions as you type: latency of the first and of every next token.',
    criteria: [
      { figure: 'ttft_ms', suite: 'A', weight: 0.45 },
      { figure: 'tpot_ms', suite: 'A', weight: 0.3 },
      { figure: 'load_time', suite: 'A', weight: 0.1 },
      { figure: 'vram_usage', suite: 'A', weight: 0.15 },
      { figure: 'accuracy', suite: 'core', weight: 0.3 },
    ],
    builtin: true,
  },
  {
    name: 'small-machine',
    title: 'Small machine',
    description:
      'Little memory to spare: the smallest footprint that still answers at a usable rate.',
    criteria: [
      { figure: 'vram_usage', suite: 'A', weight: 0.4 },
      { figure: 'ram_usage', suite: 'A', weight: 0.2 },
      { figure: 'tokens_per_second', suite: 'A', weight: 0.3 },
      { figure: 'load_time', suite: 'A', weight: 0.1 },
    ],
    builtin: true,
  },
  {
    name: 'team-server',
    title: 'Shared team server',
    description:
      'One Ollama for many people: how many requests a second it takes within the SLO, and how fast answers stay deep into a conversation.',
    criteria: [
      { figure: 'max_sustainable_rps', suite: 'rate', weight: 0.35 },
      { figure: 'goodput_rps', suite: 'rate', weight: 0.3 },
      { figure: 'tokens_per_second_at_8k', suite: 'depth', weight: 0.2 },
      { figure: 'vram_usage', suite: 'rate', weight: 0.15 },
    ],
    builtin: true,
  },
];
