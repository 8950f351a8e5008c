// One item of an eval set and the ways its answer is checked. A set is JSONL, one item a line:
// {"id", "prompt", "expected", "match", "category"?, "reference"?}. `reference` is an answer known
// to pass, kept beside the check so the set's own test proves every check accepts a right answer.

export const MATCH_KINDS = ['exact', 'number', 'contains', 'regex', 'json_schema'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export interface EvalItem {
  id: string;
  prompt: string;
  /**
   * exact / contains: the text; number: a number (or a numeric string); regex: the pattern,
   * tested case-insensitively against the trimmed answer; json_schema: the schema object.
   */
  expected: unknown;
  match: MatchKind;
  /** "uncategorised" when the line has none. */
  category: string;
  /** An answer that passes the check (optional). */
  reference?: string;
}

export interface EvalSet {
  /** `core`, or the file's base name. */
  name: string;
  /** sha256 of the set's bytes, stored with every score so scores of different sets never mix. */
  hash: string;
  items: EvalItem[];
}

export const isMatchKind = (v: unknown): v is MatchKind =>
  typeof v === 'string' && (MATCH_KINDS as readonly string[]).includes(v);
