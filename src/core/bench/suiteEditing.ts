// Editing a saved suite (Edit Test Suite…): the JSON its author sees, and saving it back, validated
// again by the same rules as a new suite. The store keeps authorship and usage; an edit keeps them.
import type { SuiteDefinition } from '../../shared/dto';
import type { OpenedStore } from '../repositories/openedStore';
import { parseSuiteJson, validateSuite, type SuiteValidation } from './suites';

/** The suite as its author edits it: without _id, dates, author and usage (the store's own). */
export function editableSuite(suite: SuiteDefinition): Partial<SuiteDefinition> {
  const {
    _id: _i,
    created_at: _c,
    updated_at: _u,
    created_by: _b,
    usage_count: _n,
    execution_stats: _x,
    builtin: _builtin,
    ...own
  } = suite;
  return own;
}

export function editableSuiteJson(suite: SuiteDefinition): string {
  return `${JSON.stringify(editableSuite(suite), null, 2)}\n`;
}

/**
 * Saves an edited suite under its own name. A changed name is refused: sessions and statistics
 * refer to suites by name, so a rename would start a different suite.
 */
export async function saveEditedSuite(
  store: OpenedStore,
  originalName: string,
  edited: string | SuiteDefinition,
): Promise<SuiteValidation> {
  const checked = typeof edited === 'string' ? parseSuiteJson(edited) : validateSuite(edited);
  if (!checked.ok) return checked;
  if (checked.suite.name !== originalName)
    return {
      ok: false,
      errors: [
        `The name cannot change while editing "${originalName}" (sessions and statistics refer to it by name); save it as a new suite with New Test Suite… instead.`,
      ],
    };
  if (!(await store.suites.list()).some((s) => s.name === originalName))
    return { ok: false, errors: [`The test suite "${originalName}" no longer exists.`] };
  await store.suites.save(checked.suite);
  return checked;
}
