// Model families Ollama always gives one request at a time, whatever OLLAMA_NUM_PARALLEL says:
// server/sched.go Scheduler.load (numParallel forced to 1 for these families, and for models
// without the completion capability such as embedding models).
export const ALWAYS_SERIALIZED_FAMILIES: readonly string[] = [
  'mllama',
  'qwen3vl',
  'qwen3vlmoe',
  'qwen35',
  'qwen35moe',
  'qwen3next',
  'lfm2',
  'lfm2moe',
  'nemotron_h',
  'nemotron_h_moe',
  'nemotron_h_omni',
];

export const isAlwaysSerialized = (family: string | undefined): boolean =>
  family !== undefined && ALWAYS_SERIALIZED_FAMILIES.includes(family);
