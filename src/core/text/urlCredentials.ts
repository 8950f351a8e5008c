// URLs can carry a password (`scheme://user:password@host`) or a token (`scheme://token@host`).
// Every message that may hold one goes through here, so no secret reaches a terminal, a log or
// a notification: the password, or a lone token, becomes ****.

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@]*)@/gi;

/** The text with the credentials of every URL in it replaced by ****; the user name is kept. */
export function redactUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, (_m, scheme: string, cred: string) => {
    const colon = cred.indexOf(':');
    return colon < 0 ? `${scheme}****@` : `${scheme}${cred.slice(0, colon)}:****@`;
  });
}

/** As redactUrlCredentials, for a host typed with or without its scheme (`user:pw@host:port`). */
export function redactHostCredentials(host: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host.trim())) return redactUrlCredentials(host);
  return redactUrlCredentials(`x://${host}`).slice('x://'.length);
}
