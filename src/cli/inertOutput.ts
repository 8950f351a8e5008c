// Everything the CLI prints passes here: tables, progress lines, errors, --json and commander's
// own messages. Stored text (tags, model and plan names, imported documents) could hold terminal
// escape sequences and messages could hold a URL with a password; both are made harmless once,
// at the one door to the terminal, rather than at each of the many places that print.
import { inertText } from '../core/text/terminalText';
import { redactUrlCredentials } from '../core/text/urlCredentials';

type Write = NodeJS.WriteStream['write'];

/** The text as it may reach a terminal: control characters escaped, URL credentials hidden. */
export function terminalSafe(text: string): string {
  return redactUrlCredentials(inertText(text));
}

function inert(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text =
      typeof chunk === 'string'
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk).toString('utf8')
          : undefined;
    return text === undefined ? write(chunk, ...rest) : write(terminalSafe(text), ...rest);
  }) as Write;
}

/** Routes stdout and stderr through terminalSafe for the rest of the process. */
export function makeOutputInert(): void {
  inert(process.stdout);
  inert(process.stderr);
}
