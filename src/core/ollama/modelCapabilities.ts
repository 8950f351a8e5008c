// A model's capabilities as Ollama lists them in /api/show (server/routes.go GetModelInfo:
// completion, tools, insert, vision, embedding, thinking, …). Undefined when Ollama does not say
// (an older server, a failed request): callers then assume nothing.
import { Ollama } from 'ollama';
import { createDeadlineFetch } from './deadlineFetch';

export type CapabilitiesOf = (model: string) => Promise<readonly string[] | undefined>;

/** Reads /api/show through the given client, or one with a 5 s deadline for the host. */
export function capabilitiesReader(host: string, client?: Ollama): CapabilitiesOf {
  const ollama = client ?? new Ollama({ host, fetch: createDeadlineFetch(5000) });
  return async (model) => {
    try {
      return capabilitiesIn(await ollama.show({ model }));
    } catch {
      return undefined;
    }
  };
}

/** The capabilities list of a /api/show answer, if it has one. */
export function capabilitiesIn(shown: unknown): string[] | undefined {
  const caps = (shown as { capabilities?: unknown } | undefined)?.capabilities;
  return Array.isArray(caps) ? caps.filter((c): c is string => typeof c === 'string') : undefined;
}

export { isEmbeddingOnly } from './embeddingOnly';
