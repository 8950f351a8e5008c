// How deep objects and arrays nest in JSON text, found by one pass over the bytes (strings
// skipped), so a document nested thousands deep is refused before a recursive parser meets it.

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** True when the JSON text (bytes or a string's char codes) nests deeper than `max`. */
export function nestsDeeperThan(text: Uint8Array | string, max: number): boolean {
  const bytes = typeof text === 'string' ? undefined : text;
  const length = text.length;
  const at = bytes ? (i: number) => bytes[i]! : (i: number) => (text as string).charCodeAt(i);
  let depth = 0;
  let inString = false;
  for (let i = 0; i < length; i++) {
    const c = at(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}
