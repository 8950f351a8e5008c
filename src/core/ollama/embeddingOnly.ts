// Whether a model only embeds, from its /api/show capabilities. A module of its own, with no client
// import, so the suite validation the settings reader runs at activation does not load the Ollama
// client into dist/extension.js.

/** Embedding-only: a model that embeds and cannot generate. */
export const isEmbeddingOnly = (caps: readonly string[] | undefined): boolean =>
  caps !== undefined && caps.includes('embedding') && !caps.includes('completion');
