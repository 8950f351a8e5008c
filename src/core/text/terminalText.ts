// Text that reaches a terminal must not drive it: an escape sequence in a stored tag or model name
// could retitle the window, write the clipboard (OSC 52) or hide what is printed. Control
// characters (C0 but newline, tab and the CR of a CRLF line end; DEL; C1) and the bidirectional
// overrides are shown as \u escapes instead, which also keeps JSON printed through here valid.

const CONTROL =
  // eslint-disable-next-line no-control-regex
  /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The text with every control character escaped; newline, tab and CRLF line ends are kept. */
export function inertText(text: string): string {
  return text.replace(CONTROL, escaped);
}

/** Longest stored text (a tag, a name) a table shows before cutting it with an ellipsis. */
export const SHOWN_TEXT_LENGTH = 120;

/** One cell of stored text for a table or a line: inert, on one line, and cut when long. */
export function inertCell(text: string, max = SHOWN_TEXT_LENGTH): string {
  const flat = inertText(text).replace(/[\n\t]/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
