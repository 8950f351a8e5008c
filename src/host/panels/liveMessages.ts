// The live panel's message handler: parsed by the protocol's guards first (a malformed message is
// logged and dropped); no `vscode` import, so the fuzz test drives it directly.
import { type LiveSnapshot } from '../../shared/protocol';
import { parseLiveMessage } from '../../shared/protocolGuards';
import type { MessageLog } from './dashboardMessages';

export interface LiveCaps {
  log: MessageLog;
  /** Posts the init snapshot (the panel drops pending deltas the snapshot already holds). */
  sendInit(): void;
  snapshot(): LiveSnapshot;
  cancel(): Promise<void>;
  openDashboard(sessionId: string | undefined): Promise<void>;
}

export function createLiveHandler(caps: LiveCaps): (raw: unknown) => Promise<void> {
  return async (raw) => {
    const parsed = parseLiveMessage(raw);
    if (!parsed.ok) {
      caps.log.warn(`Live panel: refused a malformed message: ${parsed.error}`);
      return;
    }
    const msg = parsed.value;
    try {
      switch (msg.type) {
        case 'ready':
          caps.sendInit();
          return;
        case 'cancel':
          await caps.cancel();
          return;
        case 'openDashboard':
          await caps.openDashboard(msg.sessionId ?? caps.snapshot().sessionId);
          return;
      }
    } catch (err) {
      caps.log.error(
        `Live panel: ${msg.type} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };
}
