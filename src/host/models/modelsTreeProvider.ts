// The Models tree: a flat list of ModelInfo, rendered through the pure rows of core/models.
import * as vscode from 'vscode';
import { modelRow, type ModelFit, type ModelIconKind } from '../../core/models/modelTree';
import type { ModelInfo } from '../../shared/dto';

const icons: Record<ModelIconKind, vscode.ThemeIcon> = {
  idle: new vscode.ThemeIcon('hubot'),
  'loaded-gpu': new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('charts.green')),
  'loaded-partial': new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('charts.yellow')),
  'loaded-cpu': new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('charts.orange')),
  'fit-fits': new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green')),
  'fit-partial': new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.yellow')),
  'fit-cpu': new vscode.ThemeIcon('circuit-board', new vscode.ThemeColor('charts.orange')),
  'fit-too_big': new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red')),
};

export class ModelsTreeProvider implements vscode.TreeDataProvider<ModelInfo>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ModelInfo | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private models: readonly ModelInfo[] = [];
  private fits = new Map<string, ModelFit>();

  /** Replaces the list; an empty list lets the view's welcome content show. */
  setModels(models: readonly ModelInfo[]): void {
    this.models = models;
    this.changed.fire(undefined);
  }

  /** The fit advisor's verdicts at the configured num_ctx, shown as icon, description, tooltip. */
  setFits(fits: Map<string, ModelFit>): void {
    this.fits = fits;
    this.changed.fire(undefined);
  }

  get current(): readonly ModelInfo[] {
    return this.models;
  }

  getTreeItem(m: ModelInfo): vscode.TreeItem {
    const row = modelRow(m, this.fits.get(m.name));
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = row.id;
    item.description = row.description;
    item.tooltip = new vscode.MarkdownString(row.tooltip);
    item.iconPath = icons[row.icon];
    item.contextValue = row.contextValue;
    item.accessibilityInformation = { label: row.accessibilityLabel };
    return item;
  }

  getChildren(element?: ModelInfo): ModelInfo[] {
    return element ? [] : [...this.models];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
