// ctx_reduced: /api/ps reports the context a model was loaded with (context_length), which Ollama
// lowers below the asked num_ctx when the model's training context is smaller or when the load
// does not fit in memory (server/sched.go effectiveContext, reduceAutoNumCtxForLoadOOM).

/** The flag's reason and fix when the loaded context is below the asked one, else undefined. */
export function contextReducedReason(
  asked: number,
  loaded: number | undefined,
): string | undefined {
  if (loaded === undefined || !(loaded > 0) || loaded >= asked) return undefined;
  return `asked ${asked}, Ollama loaded ${loaded}. The figures hold for ${loaded}; to measure ${asked}, free memory (fewer loaded models, OLLAMA_MAX_LOADED_MODELS=1), use a smaller quantization or KV cache type, or ask for at most the model's context length.`;
}
