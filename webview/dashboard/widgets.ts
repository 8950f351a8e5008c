// The form controls the dashboard builds from: labelled vscode-elements that report a new value
// through a callback.
import { h } from '../lib/dom';

export type Field = HTMLElement & { value: string | string[] };

export function multi(
  id: string,
  label: string,
  values: string[],
  chosen: string[],
  onChange: (v: string[]) => void,
): HTMLElement {
  const el = h('vscode-multi-select', { id, 'aria-label': label, combobox: true }) as Field;
  for (const v of values)
    el.append(h('vscode-option', { value: v, selected: chosen.includes(v) }, v));
  el.addEventListener('change', () => onChange([...(el.value as string[])]));
  return h('label', { class: 'field' }, h('span', null, label), el);
}

/** A select with "Any" first; a value may be shown by another label (a plan's id by its name). */
export function single(
  id: string,
  label: string,
  values: (string | { value: string; label: string })[],
  chosen: string,
  onChange: (v: string) => void,
): HTMLElement {
  const el = h('vscode-single-select', { id, 'aria-label': label }) as Field;
  el.append(h('vscode-option', { value: '', selected: !chosen }, 'Any'));
  for (const v of values) {
    const { value, label: shown } = typeof v === 'string' ? { value: v, label: v } : v;
    el.append(h('vscode-option', { value, selected: value === chosen }, shown));
  }
  el.addEventListener('change', () => onChange(String(el.value)));
  return h('label', { class: 'field' }, h('span', null, label), el);
}

/** A text or date field; with `debounce` it reports while typing, after that many ms of quiet. */
export function text(
  id: string,
  label: string,
  value: string,
  type: string,
  onChange: (v: string) => void,
  debounce = 0,
): HTMLElement {
  const el = h('vscode-textfield', {
    id,
    'aria-label': label,
    type,
    value,
    placeholder: type === 'date' ? 'YYYY-MM-DD' : '',
  }) as Field;
  let timer: number | undefined;
  el.addEventListener(debounce ? 'input' : 'change', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => onChange(String(el.value)), debounce);
  });
  return h('label', { class: 'field' }, h('span', null, label), el);
}

export function button(
  id: string,
  label: string,
  codicon: string,
  onClick: () => void,
  secondary = true,
): HTMLElement {
  const b = h('vscode-button', { id, icon: codicon, secondary }, label);
  b.addEventListener('click', onClick);
  return b;
}
