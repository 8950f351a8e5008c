// The panel's header: what the session is doing in one line, Cancel while it runs and "Open in
// Dashboard" once it is done.
import type { LiveSnapshot, LiveToHost } from '../../src/shared/protocol';
import { h, icon } from '../lib/dom';

export interface LiveHeader {
  element: HTMLElement;
  statusLine: HTMLElement;
  cancelButton: HTMLElement;
  dashboardButton: HTMLElement;
}

/** `snapshot` is read when a button is clicked, so the session id is the latest one. */
export function createHeader(
  post: (message: LiveToHost) => void,
  snapshot: () => LiveSnapshot | undefined,
): LiveHeader {
  const statusLine = h('p', { id: 'live-status', role: 'status', 'aria-live': 'polite' });
  const cancelButton = h(
    'vscode-button',
    { id: 'cancel', secondary: true, icon: 'debug-stop', disabled: true },
    'Cancel',
  );
  const dashboardButton = h(
    'vscode-button',
    { id: 'open-dashboard', icon: 'graph', hidden: true },
    'Open in Dashboard',
  );
  cancelButton.addEventListener('click', () => post({ type: 'cancel' }));
  dashboardButton.addEventListener('click', () => {
    const sessionId = snapshot()?.sessionId;
    post({ type: 'openDashboard', ...(sessionId ? { sessionId } : {}) });
  });
  const element = h(
    'header',
    { class: 'toolbar' },
    h('h2', null, icon('pulse'), ' Live Metrics'),
    statusLine,
    h('span', { class: 'spacer' }),
    cancelButton,
    dashboardButton,
  );
  return { element, statusLine, cancelButton, dashboardButton };
}

export function renderStatus(header: LiveHeader, snap: LiveSnapshot | undefined): void {
  if (!snap || snap.status === 'idle') {
    header.statusLine.textContent =
      'No benchmark has run in this window yet. Run "Ollama Bench: Run Ollama benchmark" and it shows here.';
  } else if (snap.status === 'running') {
    const done = snap.progress.filter(
      (r) => r.status !== 'pending' && r.status !== 'running',
    ).length;
    header.statusLine.textContent = `Running: ${done} of ${snap.progress.length} tests finished · ${snap.models.join(', ')}`;
  } else {
    header.statusLine.textContent = `Session ${snap.session?.status ?? 'done'}${snap.session?.end_time ? ` at ${new Date(snap.session.end_time).toLocaleTimeString()}` : ''}.`;
  }
  header.cancelButton.toggleAttribute('disabled', snap?.status !== 'running');
  header.dashboardButton.hidden = snap?.status !== 'done';
}
