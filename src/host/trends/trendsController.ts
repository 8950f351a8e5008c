// Trends in the extension: after every session each test is checked against its baseline and a
// regression is announced ("llama3.2 · A: −12.4 % tokens/s vs baseline (p = 0.008). Changed
// since: Ollama 0.12.6 → 0.13.0", with Open Comparison); and Pin as Baseline. The checks
// themselves are in src/core/trends.
import * as vscode from 'vscode';
import { togglePinnedBaseline } from '../../core/trends/pinBaseline';
import { checkSession } from '../../core/trends/sessionCheck';
import type { SessionDoc } from '../../shared/dto';
import { CommandIds } from '../commandIds';
import type { HostServices } from '../container';
import { registerCommands } from '../registerCommands';

const OPEN_COMPARISON = 'Open Comparison';

/** A session id from a command argument: a string, or a tree element carrying `_id`. */
function sessionIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string' && /^[\w-]{1,64}$/.test(arg)) return arg;
  if (typeof arg === 'object' && arg !== null && '_id' in arg) return sessionIdOf(arg._id);
  return undefined;
}

export class TrendsController implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: HostServices) {
    this.disposables.push(
      services.bench.onEvent((e) => {
        if (e.type === 'session-done') void this.checkAfterSession(e.session);
      }),
      ...registerCommands('trends', {
        pinBaseline: (arg?: unknown) => this.pinBaseline(sessionIdOf(arg)),
      }),
    );
  }

  private async checkAfterSession(session: SessionDoc): Promise<void> {
    const settings = this.services.settings.verdictSettings();
    if (!settings.notify || !session._id || session.status === 'running') return;
    const log = this.services.log;
    try {
      const store = await this.services.store.getStore();
      const { alerts } = await checkSession(store, session, settings);
      const [first] = alerts;
      if (!first) return;
      for (const a of alerts) log.warn(`Regression: ${a.sentence}`);
      const more = alerts.length > 1 ? ` (and ${alerts.length - 1} more regression(s))` : '';
      const choice = await vscode.window.showWarningMessage(
        `${first.sentence}${more}`,
        OPEN_COMPARISON,
      );
      if (choice === OPEN_COMPARISON)
        await vscode.commands.executeCommand(
          CommandIds.openComparison,
          first.baselineSession,
          first.candidateSession,
        );
    } catch (err) {
      log.warn(
        `Could not check session ${session._id} against its baseline: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  private async pinBaseline(id: string | undefined): Promise<void> {
    const store = await this.services.store.getStore();
    if (!id) {
      const recent = await store.sessions.querySessions({
        filter: { statuses: ['completed'] },
        pageSize: 30,
      });
      const pick = await vscode.window.showQuickPick(
        recent.items.flatMap((s) =>
          s._id
            ? [
                {
                  label: s.models.map((m) => m.name).join(', '),
                  description: new Date(s.start_time).toLocaleString(),
                  detail: s.tags.length ? `#${s.tags.join(' #')}` : undefined,
                  id: s._id,
                },
              ]
            : [],
        ),
        { title: 'Pin as Baseline', placeHolder: 'The session later results are judged against' },
      );
      if (!pick) return;
      id = pick.id;
    }
    try {
      const pinned = await togglePinnedBaseline(store, id);
      void vscode.window.showInformationMessage(
        pinned
          ? 'Pinned as baseline: later sessions of its models and tests on this machine are judged against it.'
          : 'Unpinned: later sessions are judged against the previous comparable results again.',
      );
      await vscode.commands.executeCommand(CommandIds.refreshSessions);
    } catch (err) {
      void vscode.window.showErrorMessage(
        `Could not pin the baseline: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
