// Redaction of a bundle for sharing in public: host names, user names and paths become stable
// pseudonyms (the same name gives the same pseudonym in every bundle, so machines still line up
// across bundles), everything else is kept. The names are gathered from where the store keeps
// them (a machine's host name, a session's runner and Ollama URL, home folders in any path) and
// from the process writing the bundle, then replaced in every string of every document.
import { createHash } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { Document } from 'bson';

type Kind = 'host' | 'user' | 'path';

export function pseudonym(kind: Kind, value: string): string {
  return `${kind}-${createHash('sha256').update(`ollama-bench ${kind}\u0000${value}`).digest('hex').slice(0, 8)}`;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);
/** An absolute path of two parts or more, standing alone (not inside a URL). */
const PATH = /(?<=^|[\s"'=(,;])(?:[A-Za-z]:\\|\/)(?:[^\s/\\:"'<>|,;()]+[/\\])+[^\s/\\:"'<>|,;()]*/g;
/** Kernel interfaces named in machine notes: the same on every machine, and needed to act on them. */
const SYSTEM_PATH = /^\/(proc|sys|dev)\//;
const HOME = /(?:^|[/\\])(?:home|Users)[/\\]([^/\\\s]+)/;
const MIN_NAME = 3;

const isPlain = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

function strings(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, visit);
  else if (isPlain(value)) for (const v of Object.values(value)) strings(v, visit);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Redactor {
  private readonly hosts = new Set<string>();
  private readonly users = new Set<string>();
  private pattern: RegExp | undefined;

  constructor(includeThisMachine = true) {
    if (!includeThisMachine) return;
    this.addHost(hostname());
    try {
      this.addUser(userInfo().username);
    } catch {
      // No user entry for this process (a container's uid): nothing to add.
    }
  }

  private addHost(name: unknown): void {
    if (typeof name !== 'string') return;
    const host = name.trim();
    if (host.length < MIN_NAME || LOOPBACK.has(host.toLowerCase())) return;
    this.hosts.add(host);
    // "alice-pc.local" is also written "alice-pc".
    const short = host.split('.')[0];
    if (short && short.length >= MIN_NAME && short !== host) this.hosts.add(short);
    this.pattern = undefined;
  }

  private addUser(name: unknown): void {
    if (typeof name !== 'string' || name.trim().length < MIN_NAME) return;
    this.users.add(name.trim());
    this.pattern = undefined;
  }

  /** Gathers the names a document holds: host names, the Ollama URL's host, home folders. */
  learn(doc: Document): void {
    this.addHost((doc.os as Document | undefined)?.hostname);
    this.addHost((doc.runner as Document | undefined)?.hostname);
    const url = (doc.options as Document | undefined)?.host;
    if (typeof url === 'string') {
      try {
        this.addHost(new URL(url).hostname);
      } catch {
        // Not a URL: nothing to learn.
      }
    }
    strings(doc, (s) => {
      for (const path of s.match(PATH) ?? []) this.addUser(HOME.exec(path)?.[1]);
    });
  }

  private names(): RegExp {
    if (this.pattern) return this.pattern;
    const all = [
      ...[...this.hosts].map((n) => ({ n, kind: 'host' as const })),
      ...[...this.users].map((n) => ({ n, kind: 'user' as const })),
    ].sort((a, b) => b.n.length - a.n.length);
    const alternatives = all.map((x) => escapeRegExp(x.n)).join('|');
    // A name counts where it stands alone, not inside a longer word ("al" in "total").
    this.pattern = alternatives
      ? new RegExp(`(?<![A-Za-z0-9])(?:${alternatives})(?![A-Za-z0-9])`, 'gi')
      : /$^/g;
    return this.pattern;
  }

  private kindOf(name: string): Kind {
    const lower = name.toLowerCase();
    return [...this.hosts].some((h) => h.toLowerCase() === lower) ? 'host' : 'user';
  }

  redactText(text: string): string {
    const paths = text.replace(PATH, (p) => (SYSTEM_PATH.test(p) ? p : pseudonym('path', p)));
    return paths.replace(this.names(), (name) => pseudonym(this.kindOf(name), name.toLowerCase()));
  }

  /** A copy of the document with every string redacted; ids, dates and numbers as they were. */
  redact<T>(value: T): T {
    if (typeof value === 'string') return this.redactText(value) as T;
    if (Array.isArray(value)) return value.map((v: unknown) => this.redact(v)) as T;
    if (isPlain(value))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redact(v)])) as T;
    return value;
  }
}
