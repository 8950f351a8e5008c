// Node's fetch (undici) refuses the WHATWG "bad ports" (fetch spec, "port blocking") before it
// connects, with a bare `TypeError: fetch failed` whose cause says "bad port" — even though an
// Ollama there answers curl. The list is undici's (lib/web/fetch/constants.js); a test keeps the
// two equal.
export const FETCH_BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
  103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465,
  512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
  995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
  6669, 6679, 6697, 10080,
]);

/** The port a base URL reaches (its scheme's default when none is written). */
export function portOf(baseUrl: string): number | undefined {
  try {
    const url = new URL(baseUrl);
    return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  } catch {
    return undefined;
  }
}

/** What to tell a user whose Ollama listens on a port fetch refuses; undefined for other ports. */
export function blockedPortProblem(baseUrl: string): string | undefined {
  const port = portOf(baseUrl);
  if (port === undefined || !FETCH_BLOCKED_PORTS.has(port)) return undefined;
  return (
    `port ${port} is blocked by Node's fetch (a WHATWG 'bad port'); ` +
    `run Ollama on another port, e.g. OLLAMA_HOST=127.0.0.1:11434`
  );
}
