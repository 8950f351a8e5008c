// Commands the product suggests to a user ("run `ollama pull …`"). A model name comes from the user
// or from a server, so it is quoted for a POSIX shell before it is shown: a pasted suggestion must
// run exactly one command, whatever the name holds (`a;echo pwned`, `$(…)`, spaces, quotes).

/** One word for a POSIX shell: single quotes, an embedded ' written as '\''. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `ollama pull 'name'`. */
export function pullCommand(model: string): string {
  return `ollama pull ${shellQuote(model)}`;
}
