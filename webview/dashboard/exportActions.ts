// Export and "Copy as Markdown": of the selected sessions, or of every session the filters match,
// or of the one session the detail view shows. The host writes the file or fills the clipboard.
import {
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
  isExportFormat,
} from '../../src/shared/exportFormats';
import { h } from '../lib/dom';
import type { Dashboard } from './context';
import { button, type Field } from './widgets';

export function exportFormatPicker(): Field {
  return h(
    'vscode-single-select',
    { id: 'export-format', 'aria-label': 'Export format' },
    EXPORT_FORMATS.map((f, i) =>
      h('vscode-option', { value: f, selected: i === 0 }, EXPORT_FORMAT_LABELS[f]),
    ),
  ) as Field;
}

function chosenFormat(d: Dashboard) {
  const value = String(d.dom.exportFormat.value);
  return isExportFormat(value) ? value : EXPORT_FORMATS[0];
}

/** The list's export: the selection when there is one, else everything the filters match. */
export function exportList(d: Dashboard, destination: 'file' | 'clipboard'): void {
  const { saved } = d.state;
  const format = destination === 'clipboard' ? 'md' : chosenFormat(d);
  const ids = [...saved.selected];
  const filter = { ...saved.query.filter };
  for (const k of Object.keys(filter) as (keyof typeof filter)[])
    if (filter[k] === undefined) delete filter[k];
  d.api.post({ type: 'export', format, ids, filter, destination });
}

/** The detail view's export and copy buttons, for that one session. */
export function sessionExportButtons(d: Dashboard, id: string): HTMLElement[] {
  return [
    button('export-session', 'Export…', 'export', () =>
      d.api.post({
        type: 'export',
        format: chosenFormat(d),
        ids: [id],
        filter: {},
        destination: 'file',
      }),
    ),
    button('copy-session', 'Copy as Markdown', 'copy', () =>
      d.api.post({ type: 'export', format: 'md', ids: [id], filter: {}, destination: 'clipboard' }),
    ),
  ];
}
