// Checks, before a session exists, that a benchmark can reach Ollama at all: the host answers
// (/api/version) and every named model is installed (/api/tags). A run that fails here stores
// nothing and says one thing — the reason and the fix — instead of an error session whose every
// test repeats the same connection error.
import { pullCommand } from '../ollama/commandHints';
import { Ollama } from 'ollama';
import { createDeadlineFetch } from '../ollama/deadlineFetch';
import { OllamaError, toOllamaError } from '../ollama/ollamaErrors';

export type PreflightResult =
  | {
      ok: true;
      /** Ollama's version, as /api/version reports it. */
      version: string;
      /** The installed name each requested model resolves to ("llama3.2" → "llama3.2:latest"). */
      resolved: Record<string, string>;
    }
  | {
      ok: false;
      problem: 'unreachable';
      /** One line: what is wrong and how to fix it. */
      message: string;
      error: OllamaError;
    }
  | {
      ok: false;
      problem: 'unknown-models';
      message: string;
      unknown: string[];
      installed: string[];
    };

export interface PreflightOptions {
  /** Deadline for each of the two requests. Default 5 s. */
  timeoutMs?: number;
  /** A fetch to use instead of Node's (tests). */
  fetch?: typeof fetch;
}

/** How many installed names the message lists before "… and N more". */
const LISTED_NAMES = 12;

/**
 * The installed name a requested one means, matched as Ollama does (server/routes.go
 * getExistingName): case-insensitively, with a missing tag read as "latest".
 */
export function resolveModelName(requested: string, installed: string[]): string | undefined {
  const name = requested.trim();
  const wanted = (name.includes(':') ? name : `${name}:latest`).toLowerCase();
  return installed.find((i) => i.toLowerCase() === wanted);
}

function unknownModelsMessage(host: string, unknown: string[], installed: string[]): string {
  const quoted = unknown.map((n) => `'${n}'`).join(', ');
  const listed = installed.slice(0, LISTED_NAMES).join(', ');
  const more =
    installed.length > LISTED_NAMES ? ` … and ${installed.length - LISTED_NAMES} more` : '';
  const have = installed.length ? `Installed: ${listed}${more}.` : 'It has no models yet.';
  const pulls = unknown.map((n) => `\`${pullCommand(n)}\``).join(', ');
  const noun = unknown.length === 1 ? 'model' : 'models';
  return `Ollama at ${host} has no ${noun} ${quoted}. ${have} Pull ${unknown.length === 1 ? 'it' : 'them'} with ${pulls}.`;
}

/** One line, however the server's text came: a message that spans lines would read as several. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/** Control characters (a name cannot hold them in Ollama, but a typed one can) shown escaped. */
const printable = (text: string) =>
  [...text]
    .map((c) =>
      c.charCodeAt(0) < 0x20 || c === '\u007f'
        ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
        : c,
    )
    .join('');

export async function preflight(
  host: string,
  models: string[],
  options: PreflightOptions = {},
): Promise<PreflightResult> {
  // Node's fetch with a deadline, as discovery: undici stays out of the extension's first bundle.
  const client = new Ollama({
    host,
    fetch: createDeadlineFetch(options.timeoutMs ?? 5000, options.fetch),
  });
  const unreachable = (err: unknown): PreflightResult => {
    const error = toOllamaError(err, host);
    return { ok: false, problem: 'unreachable', message: oneLine(error.message), error };
  };

  let version: string;
  let installed: string[];
  try {
    const answer = (await client.version()) as { version?: unknown } | undefined;
    if (typeof answer?.version !== 'string') {
      throw new OllamaError(
        'bad-response',
        `${host} did not answer like Ollama (no version): is this Ollama's address?`,
        host,
      );
    }
    version = answer.version;
    const tags = (await client.list()) as { models?: unknown } | undefined;
    if (!Array.isArray(tags?.models)) {
      throw new OllamaError(
        'bad-response',
        `${host} did not answer like Ollama (no model list): is this Ollama's address?`,
        host,
      );
    }
    installed = (tags.models as { name?: unknown }[])
      .map((m) => m?.name)
      .filter((n): n is string => typeof n === 'string')
      .sort((a, b) => a.localeCompare(b));
  } catch (err) {
    return unreachable(err);
  }

  const resolved: Record<string, string> = {};
  const unknown: string[] = [];
  for (const name of models) {
    const hit = resolveModelName(name, installed);
    if (hit) resolved[name] = hit;
    else if (!unknown.includes(name)) unknown.push(name);
  }
  if (unknown.length) {
    return {
      ok: false,
      problem: 'unknown-models',
      message: printable(unknownModelsMessage(host, unknown, installed)),
      unknown,
      installed,
    };
  }
  return { ok: true, version, resolved };
}
