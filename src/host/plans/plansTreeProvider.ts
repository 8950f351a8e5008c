// The Plans view: each plan with "12/54 · 1 running · 2 failed", expanding to its configs with a
// status icon and, for a failed one, the error in the tooltip. Read afresh on every refresh (the
// controller polls, so other machines' progress shows).
import * as vscode from 'vscode';
import type { OpenedStore } from '../../core/repositories/openedStore';
import {
  planProgressText,
  type BenchmarkConfig,
  type ConfigStatus,
  type PlanStatus,
} from '../../shared/plans';

export type PlanTreeNode =
  { kind: 'plan'; status: PlanStatus } | { kind: 'config'; config: BenchmarkConfig };

const ICONS: Record<ConfigStatus, [string, string | undefined]> = {
  pending: ['circle-outline', undefined],
  running: ['sync~spin', undefined],
  completed: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  cancelled: ['circle-slash', 'disabledForeground'],
};

export function configLabel(c: BenchmarkConfig): string {
  const conc = c.options.concurrency;
  return `${c.model} · ${c.suite} · ctx ${c.options.num_ctx}${conc !== undefined ? ` · ×${conc}` : ''}`;
}

export class PlansTreeProvider implements vscode.TreeDataProvider<PlanTreeNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The plans of the last read (commands pick from them). */
  plans: PlanStatus[] = [];

  constructor(
    private readonly getStore: () => Promise<OpenedStore>,
    private readonly onProblem: (message: string | undefined) => void,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(element?: PlanTreeNode): Promise<PlanTreeNode[]> {
    try {
      const plans = (await this.getStore()).plans;
      if (!element) {
        this.plans = await plans.status();
        this.onProblem(undefined);
        return this.plans.map((status) => ({ kind: 'plan', status }));
      }
      if (element.kind === 'plan')
        return (await plans.configsOf(element.status.plan_id)).map((config) => ({
          kind: 'config',
          config,
        }));
      return [];
    } catch (err) {
      this.onProblem(`Plans unavailable: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  }

  getTreeItem(node: PlanTreeNode): vscode.TreeItem {
    if (node.kind === 'plan') {
      const s = node.status;
      const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `plan:${s.plan_id}`;
      item.description = planProgressText(s);
      const done = s.counts.completed + s.counts.failed + s.counts.cancelled === s.total;
      item.iconPath = new vscode.ThemeIcon(
        s.counts.running ? 'sync~spin' : done ? 'checklist' : 'list-ordered',
      );
      item.contextValue = 'plan';
      const machines = Object.entries(s.machines)
        .map(([h, m]) => `${h}: ${m.completed} completed, ${m.running} running, ${m.failed} failed`)
        .join('\n');
      item.tooltip = `${s.name}\n${planProgressText(s)} · ${s.counts.pending} pending${
        s.eta_s ? ` · about ${Math.max(1, Math.round(s.eta_s / 60))} min left` : ''
      }${machines ? `\n${machines}` : ''}`;
      return item;
    }
    const c = node.config;
    const item = new vscode.TreeItem(configLabel(c), vscode.TreeItemCollapsibleState.None);
    item.id = `config:${c._id}`;
    item.description = c.retry_count ? `${c.status} · retry ${c.retry_count}` : c.status;
    const [icon, color] = ICONS[c.status];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = `config-${c.status}`;
    item.tooltip = [
      configLabel(c),
      `${c.status}${c.claimed_by ? ` on ${c.claimed_by.hostname}` : ''}`,
      c.error_message,
    ]
      .filter(Boolean)
      .join('\n');
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
