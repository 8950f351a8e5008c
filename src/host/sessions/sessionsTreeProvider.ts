// The Sessions view: the most recent sessions with a status icon; a click opens the session's
// detail in the dashboard. Empty (or unreadable) shows the view's welcome content instead.
import * as vscode from 'vscode';
import type { OpenedStore } from '../../core/repositories/openedStore';
import type { SessionDoc, SessionStatus } from '../../shared/dto';
import { testTokensPerSecond } from '../../shared/throughput';

export const RECENT_SESSIONS = 50;

const ICONS: Record<SessionStatus, [string, string | undefined]> = {
  completed: ['pass', 'testing.iconPassed'],
  error: ['error', 'testing.iconFailed'],
  cancelled: ['circle-slash', 'disabledForeground'],
  interrupted: ['warning', 'list.warningForeground'],
  running: ['sync~spin', undefined],
};

function label(s: SessionDoc): string {
  const names = s.models.map((m) => m.name);
  return names.length > 2
    ? `${names.slice(0, 2).join(', ')} +${names.length - 2}`
    : names.join(', ');
}

export class SessionsTreeProvider implements vscode.TreeDataProvider<SessionDoc> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The last read's failure, shown as the view's message. */
  problem: string | undefined;

  constructor(
    private readonly getStore: () => Promise<OpenedStore>,
    private readonly openCommand: string,
    private readonly onProblem: (message: string | undefined) => void,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(element?: SessionDoc): Promise<SessionDoc[]> {
    if (element) return [];
    try {
      const store = await this.getStore();
      const page = await store.sessions.querySessions({
        filter: {},
        sort: { field: 'start_time', direction: 'desc' },
        pageSize: RECENT_SESSIONS,
      });
      this.onProblem(undefined);
      return page.items;
    } catch (err) {
      this.onProblem(
        `Could not read the results: ${err instanceof Error ? err.message : String(err)}`,
      );
      return [];
    }
  }

  getTreeItem(s: SessionDoc): vscode.TreeItem {
    const item = new vscode.TreeItem(label(s), vscode.TreeItemCollapsibleState.None);
    const when = new Date(s.start_time);
    item.id = s._id;
    item.description = [
      Number.isNaN(when.getTime()) ? s.start_time : when.toLocaleString(),
      ...s.tags.map((t) => `#${t}`),
    ].join(' ');
    const [icon, color] = ICONS[s.status] ?? ['question', undefined];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = `session.${s.status}`;
    const tests = s.models.flatMap((m) =>
      m.tests.map((t) => {
        const tps = testTokensPerSecond(t.metrics);
        return `- ${m.name} · ${t.type}: ${t.status}${tps !== undefined ? `, ${tps.toFixed(1)} tok/s` : ''}`;
      }),
    );
    item.tooltip = new vscode.MarkdownString(
      [
        `**${s.status}** — ${item.description}`,
        ...(s.machine ? [`Machine: ${s.machine}`] : []),
        '',
        ...tests,
      ].join('\n'),
    );
    item.accessibilityInformation = { label: `${label(s)}, ${s.status}, ${item.description}` };
    item.command = { command: this.openCommand, title: 'Open Session', arguments: [s._id] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
