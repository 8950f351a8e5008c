// Connection strings carry passwords: everything that prints one goes through here first.
import { redactUrlCredentials } from '../../text/urlCredentials';

export function isMongoUri(text: string): boolean {
  return /^mongodb(\+srv)?:\/\//i.test(text.trim());
}

/** The URI with its password replaced by ****, safe for logs, errors, UI and CLI output. */
export function redactUri(uri: string): string {
  return redactUrlCredentials(uri);
}

/** The hosts part (host:port list or SRV name), the name a user recognises their server by. */
export function serverOf(uri: string): string {
  const m = /^mongodb(\+srv)?:\/\/(?:[^@/]*@)?([^/?]*)/i.exec(uri.trim());
  return m?.[2] ? `${m[1] ? 'mongodb+srv://' : ''}${m[2]}` : redactUri(uri);
}

function passwordOf(uri: string): string | undefined {
  const m = /^mongodb(?:\+srv)?:\/\/([^@/]*)@/i.exec(uri.trim());
  const cred = m?.[1];
  if (!cred || !cred.includes(':')) return undefined;
  return cred.slice(cred.indexOf(':') + 1);
}

/** Removes the URI's password from any text (raw and percent-decoded), e.g. a driver error. */
export function redactText(text: string, uri: string): string {
  let out = text.split(uri).join(redactUri(uri));
  const pw = passwordOf(uri);
  if (pw) {
    const forms = new Set([pw]);
    try {
      forms.add(decodeURIComponent(pw));
    } catch {
      // not percent-encoded
    }
    for (const f of forms) if (f.length >= 1) out = out.split(f).join('****');
  }
  return redactUrlCredentials(out);
}
