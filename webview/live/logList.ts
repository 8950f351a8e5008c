// The session log's latest lines, newest at the bottom and scrolled into view.
import type { LiveSnapshot } from '../../src/shared/protocol';
import { h } from '../lib/dom';

/** Lines kept on screen; older ones leave as new ones come. */
const MAX_LINES = 200;

export function createLogList(): HTMLElement {
  return h('ol', { id: 'log', class: 'log', 'aria-label': 'Session log (latest lines)' });
}

export function appendLogs(list: HTMLElement, lines: LiveSnapshot['logs']): void {
  for (const l of lines) {
    list.append(
      h(
        'li',
        { class: `log-${l.level}` },
        h('span', { class: 'muted' }, `${(l.t / 1000).toFixed(1)} s `),
        `[${l.level}] ${l.message}`,
      ),
    );
  }
  while (list.childElementCount > MAX_LINES) list.firstElementChild?.remove();
  list.lastElementChild?.scrollIntoView?.({ block: 'nearest' });
}
