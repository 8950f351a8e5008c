// The words beside a figure that say what it measured: a test's flags with their reasons and
// Ollama's own facts (context loaded, cached prompt tokens) in the detail view, and in a
// comparison the flags with reasons and the run conditions that differ.
import type { TestMetrics } from '../../src/shared/dto';
import { flagHelp } from '../../src/shared/flags';
import type { CompareView } from '../../src/shared/protocol';
import { h } from '../lib/dom';

/** Detail view: one line per flag that carries a reason, then what Ollama reported of the test. */
export function testFlagNotes(x: TestMetrics): HTMLElement[] {
  const out: HTMLElement[] = [];
  const reasons = Object.entries(x.flag_reasons ?? {});
  if (reasons.length)
    out.push(
      h(
        'ul',
        { class: 'flag-reasons' },
        reasons.map(([flag, reason]) =>
          h('li', null, h('span', { class: 'badge', title: flagHelp(flag) }, flag), ` ${reason}`),
        ),
      ),
    );
  const facts = [
    x.loaded_context_length !== undefined ? `context loaded: ${x.loaded_context_length}` : '',
    x.prompt_cached_tokens !== undefined
      ? `prompt tokens from Ollama's cache: ${x.prompt_cached_tokens} per request (not counted in the prompt rate)`
      : '',
  ].filter(Boolean);
  if (facts.length) out.push(h('p', { class: 'muted' }, facts.join(' · ')));
  return out;
}

/** Comparison: flags with reasons, and the run conditions that differ between the subjects. */
export function compareNotes(view: CompareView): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (view.flagNotes?.length)
    out.push(
      h('h4', null, 'Flags'),
      h(
        'ul',
        { id: 'compare-flags' },
        view.flagNotes.map((n) =>
          h('li', null, `${n.subject} · ${n.test}: ${n.flag} — ${n.reason}`),
        ),
      ),
    );
  if (view.conditions?.length)
    out.push(
      h('h4', null, 'Conditions that differ'),
      h(
        'ul',
        { id: 'compare-conditions' },
        view.conditions.map((c) => h('li', null, `${c.condition}: ${c.values.join(' · ')}`)),
      ),
    );
  return out;
}
