// The built-in extensions a test window gets: code-server's declarative ones only (themes, language
// grammars and settings, which run no code), linked into a folder of the session's own. Those that
// run code (git, GitHub, the TypeScript and JSON language servers, Emmet, merge conflicts, the
// debuggers…) start in the same extension host as Ollama Bench at every window load, and on a busy
// machine they delay its activation by many seconds; no test uses any of them.
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface Manifest {
  main?: string;
  browser?: string;
}

/** code-server's own built-in extensions folder, from its entry point (out/node/entry.js). */
function codeServerBuiltins(entry: string): string {
  return join(dirname(entry), '..', '..', 'lib', 'vscode', 'extensions');
}

/**
 * Creates `target` holding links to the declarative built-in extensions, and to those named in
 * `also` (bench:activation's Git); returns `target`.
 */
export function declarativeBuiltins(
  entry: string,
  target: string,
  also: readonly string[] = [],
): string {
  const source = codeServerBuiltins(entry);
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(source)) {
    const manifest = join(source, name, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as Manifest;
    if ((pkg.main || pkg.browser) && !also.includes(name)) continue;
    symlinkSync(join(source, name), join(target, name), 'dir');
  }
  return target;
}
