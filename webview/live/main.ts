// The Live Metrics panel: progress per model and test, charts that grow while the session runs
// (tokens/s and TTFT per repetition, hardware with the phases on the time axis), the log tail, and
// at the end a summary with "Open in Dashboard". State comes from the host: `init` is a full
// snapshot (first load, shown again, reload), `batch` what changed since (≤ 4 a second). This file
// only wires the parts together and starts them.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import { type HostToLive, type LiveToHost } from '../../src/shared/protocol';
import { isHostToLive } from '../../src/shared/protocolGuards';
import { applyTheme } from '../lib/charts';
import { requiredElement } from '../lib/dom';
import { onThemeChange, readTheme } from '../lib/theme';
import { panelApi } from '../lib/vscodeApi';
import { createLiveState } from './liveState';
import { applyDelta, buildLiveView, renderIdle, resetView } from './liveView';
import { rethemeMachine } from './machineSection';

const api = panelApi<LiveToHost, HostToLive, never>();
const view = buildLiveView(requiredElement('app'), createLiveState(readTheme()), (m) =>
  api.post(m),
);

api.onMessage(isHostToLive, (msg) => {
  if (msg.type === 'init') resetView(view, msg.snapshot);
  else applyDelta(view, msg.delta);
});

onThemeChange((colors) => {
  view.state.theme = colors;
  const { tokens, ttft, hardware } = view.charts;
  for (const c of [tokens, ttft, hardware]) applyTheme(c, colors);
  rethemeMachine(view.machine, colors);
});

renderIdle(view);
api.post({ type: 'ready' });
