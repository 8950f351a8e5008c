// A tiny element builder: text always goes in as text nodes (never HTML), so nothing from a
// session document, a model's output or a log line can inject markup.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | null | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs | null, ...children: (Child | Child[])[]): HTMLElement;
export function h(
  tag: string,
  attrs?: Attrs | null,
  ...children: (Child | Child[])[]
): HTMLElement {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** An element the panel's HTML is built with; a missing one is an error in that HTML. */
export function requiredElement(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The panel's page has no element #${id}.`);
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}

/** A codicon as an element (decorative: the text beside it says the same). */
export function icon(name: string, label?: string): HTMLElement {
  return h('span', {
    class: `codicon codicon-${name}`,
    'aria-hidden': label ? undefined : 'true',
    role: label ? 'img' : undefined,
    'aria-label': label,
  });
}

/** A table head of column labels. */
export function thead(labels: readonly string[], cellClass?: string): HTMLElement {
  return h(
    'thead',
    null,
    h(
      'tr',
      null,
      labels.map((c) => h('th', { scope: 'col', class: cellClass }, c)),
    ),
  );
}
