// Turns what a user typed (setting, OLLAMA_HOST, --host) into a base URL, the way Ollama itself
// reads OLLAMA_HOST: scheme optional (http), port optional (11434), no path. A port Node's fetch
// refuses is reported here, before any request fails with a bare "fetch failed".
import { redactHostCredentials } from '../text/urlCredentials';
import type { FailureKind, KindedError } from '../failures/failureKind';
import { blockedPortProblem } from './fetchBlockedPorts';

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';
const DEFAULT_PORT = '11434';

/** A malformed host is input to fix; a well-formed one this process cannot use is unreachable. */
export class HostSettingError extends Error implements KindedError {
  override readonly name = 'HostSettingError';
  /** What was typed, with any password in it replaced by ****. */
  readonly input: string;
  readonly kind: FailureKind;
  constructor(
    typed: string,
    reason: string,
    /** A well-formed host that still cannot be reached from here (a fetch-blocked port). */
    unusable = false,
  ) {
    const input = redactHostCredentials(typed);
    super(
      unusable
        ? `Ollama host "${input}" cannot be used: ${reason}.`
        : `Ollama host "${input}" is not valid: ${reason}. Expected something like ${DEFAULT_OLLAMA_HOST}.`,
    );
    this.input = input;
    this.kind = unusable ? 'unreachable' : 'input';
  }
}

/**
 * True for a HostSettingError from any bundle: the extension's later bundle (dist/features.js) has
 * its own copy of this class, so an error thrown by the settings reader is not an instance of it.
 */
export function isHostSettingError(err: unknown): err is HostSettingError {
  return err instanceof Error && err.name === 'HostSettingError';
}

/** The host used when nothing is configured: OLLAMA_HOST when set, else the local default. */
export function defaultOllamaHost(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.OLLAMA_HOST?.trim();
  return fromEnv ? fromEnv : DEFAULT_OLLAMA_HOST;
}

/** Normalises a host to `scheme://host:port` with no trailing slash, or throws HostSettingError. */
export function parseOllamaHost(input: unknown): string {
  if (typeof input !== 'string') throw new HostSettingError(String(input), 'it must be a string');
  const raw = input.trim();
  if (!raw) throw new HostSettingError(input, 'it is empty');
  if (/\s/.test(raw)) throw new HostSettingError(input, 'it contains spaces');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new HostSettingError(input, 'it is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HostSettingError(
      input,
      `the scheme must be http or https, not ${url.protocol.replace(':', '')}`,
    );
  }
  if (!url.hostname) throw new HostSettingError(input, 'it has no host name');
  if (url.username || url.password)
    throw new HostSettingError(input, 'it must not carry credentials');
  if (url.search || url.hash)
    throw new HostSettingError(input, 'it must not carry a query or fragment');
  if (url.pathname !== '/' && url.pathname !== '') {
    throw new HostSettingError(input, `it must not have a path (${url.pathname})`);
  }
  // 0.0.0.0 is a listen address: Ollama's own client connects to loopback for it.
  const hostname = url.hostname === '0.0.0.0' ? '127.0.0.1' : url.hostname;
  const explicitPort = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]+\]|[^/:]+):(\d+)/i.exec(withScheme)?.[2];
  const port = url.port || (explicitPort ?? (/^[a-z]+:\/\//i.test(raw) ? '' : DEFAULT_PORT));
  const base = `${url.protocol}//${hostname}${port ? `:${port}` : ''}`;
  const blocked = blockedPortProblem(base);
  if (blocked) throw new HostSettingError(input, blocked, true);
  return base;
}
