// "~" and "~/…" in a path a user typed (a setting, --store) mean their home folder. "~name" (another
// user's home) is not expanded: it stays a relative name, which callers reject or resolve.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(homedir(), path.slice(2));
  return path;
}
