// Driver errors turned into one sentence a user can act on: what went wrong (authentication,
// DNS/SRV, TLS, timeout, refused) and which server, never with the password.
import { redactText, serverOf } from './connectionString';

export type MongoProblem = 'auth' | 'dns' | 'tls' | 'timeout' | 'refused' | 'bad-uri' | 'other';

export class MongoConnectionError extends Error {
  constructor(
    readonly problem: MongoProblem,
    readonly server: string,
    message: string,
  ) {
    super(message);
    this.name = 'MongoConnectionError';
  }
}

function allMessages(err: unknown, depth = 0): string {
  if (!err || typeof err !== 'object' || depth > 4) return String(err ?? '');
  const e = err as {
    message?: string;
    code?: unknown;
    cause?: unknown;
    reason?: { servers?: Map<string, { error?: unknown }> };
  };
  const parts = [e.message ?? '', typeof e.code === 'string' ? e.code : ''];
  if (e.cause) parts.push(allMessages(e.cause, depth + 1));
  const servers = e.reason?.servers;
  if (servers instanceof Map)
    for (const d of servers.values()) if (d.error) parts.push(allMessages(d.error, depth + 1));
  return parts.join(' | ');
}

export function classifyMongoError(err: unknown, uri: string): MongoConnectionError {
  if (err instanceof MongoConnectionError) return err;
  const server = serverOf(uri);
  const text = allMessages(err);
  const code = (err as { code?: unknown } | null)?.code;
  const detail = redactText((err as Error | null)?.message ?? String(err), uri);
  if (code === 18 || /auth(entication)? failed|bad auth|SCRAM|not authorized/i.test(text)) {
    return new MongoConnectionError(
      'auth',
      server,
      `MongoDB at ${server} refused the credentials (authentication failed): check the user name, password and authSource in the connection string.`,
    );
  }
  if (/querySrv|ENOTFOUND|EAI_AGAIN|ESERVFAIL|getaddrinfo|_mongodb\._tcp/i.test(text)) {
    return new MongoConnectionError(
      'dns',
      server,
      `MongoDB server name ${server} could not be resolved (DNS${/srv/i.test(text) ? '/SRV' : ''} lookup failed): check the host name, or your network/DNS.`,
    );
  }
  if (/ECONNREFUSED/i.test(text)) {
    return new MongoConnectionError(
      'refused',
      server,
      `MongoDB at ${server} refused the connection (nothing listens there): is mongod running, and is the host and port right?`,
    );
  }
  if (/SSL|TLS|certificate|self[- ]signed|EPROTO|handshake/i.test(text)) {
    return new MongoConnectionError(
      'tls',
      server,
      `TLS with MongoDB at ${server} failed (${detail}): check tls=true/false, the CA file and the server's certificate.`,
    );
  }
  if (/timed out|timeout|ETIMEDOUT/i.test(text)) {
    return new MongoConnectionError(
      'timeout',
      server,
      `MongoDB at ${server} did not answer in time (server selection timed out): check that it is reachable from this machine (firewall, VPN, Atlas IP access list).`,
    );
  }
  if (
    /Invalid scheme|URI|connection string|Protocol and host list/i.test(text) ||
    (err as Error)?.name === 'MongoParseError'
  ) {
    return new MongoConnectionError(
      'bad-uri',
      server,
      `The MongoDB connection string is not valid: ${detail}`,
    );
  }
  return new MongoConnectionError('other', server, `MongoDB at ${server}: ${detail}`);
}

/** Socket errors Node raises when the peer went away; the driver sometimes passes them on bare. */
const SOCKET_GONE = new Set([
  'EPIPE',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTCONN',
]);

/** Errors that mean "the server is not reachable now", after which results go to the journal. */
export function isUnreachable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  if (err instanceof MongoConnectionError) {
    if (err.problem === 'refused' || err.problem === 'timeout' || err.problem === 'dns')
      return true;
    // A driver error classified for the user keeps the driver's own as its cause.
    return isUnreachable(err.cause, depth + 1);
  }
  const e = err as { name?: string; code?: unknown; cause?: unknown };
  if (
    /MongoServerSelectionError|MongoNetworkError|MongoNetworkTimeoutError|MongoTopologyClosedError|MongoNotConnectedError|PoolClearedError/.test(
      e.name ?? '',
    )
  )
    return true;
  if (typeof e.code === 'string' && SOCKET_GONE.has(e.code)) return true;
  return isUnreachable(e.cause, depth + 1);
}
