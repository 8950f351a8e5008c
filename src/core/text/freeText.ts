// Free text a user types and the store keeps (tags, plan and use-case names, descriptions) is
// bounded at input, with a message that says which value and how long it may be, so a stored
// value can never fill a terminal or a document.
import { InputError } from '../failures/inputError';

export const FREE_TEXT_LIMITS = {
  tag: 100,
  tags: 50,
  name: 200,
  description: 2000,
} as const;

/** Free text over its limit: bad input. */
export class FreeTextError extends InputError {
  override readonly name = 'FreeTextError';
}

/** Throws FreeTextError when the text is longer than `max` characters. */
export function checkFreeText(text: string | undefined, what: string, max: number): void {
  if (text !== undefined && text.length > max)
    throw new FreeTextError(
      `${what} may be at most ${max} characters; this one has ${text.length}.`,
    );
}

/** Tags of a session: each at most FREE_TEXT_LIMITS.tag characters, at most .tags of them. */
export function checkTags(tags: readonly string[], what = 'A tag'): void {
  if (tags.length > FREE_TEXT_LIMITS.tags)
    throw new FreeTextError(`At most ${FREE_TEXT_LIMITS.tags} tags; ${tags.length} were given.`);
  for (const t of tags) checkFreeText(t, what, FREE_TEXT_LIMITS.tag);
}

/** Comma-separated tags as typed: undefined when they may be stored, else what is wrong. */
export function typedTagsProblem(typed: string): string | undefined {
  try {
    checkTags(
      typed
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    );
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
