// The Models tree: a flat list of ModelInfo, rendered through the pure rows of core/models.
import * as vscode from 'vscode';
import { modelRow, type ModelIconKind } from '../../core/models/modelTree';
import type { ModelInfo } from '../../shared/dto';

const icons: Record<ModelIconKind, vscode.ThemeIcon> = {
  idle: new vscode.ThemeIcon('hubot'),
  'loaded-gpu': new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('charts.green')),
  'loaded-partial': new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('charts.yellow')),
  'loaded-cpu': new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('charts.orange')),
};

export class ModelsTreeProvider implements vscode.TreeDataProvider<ModelInfo>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ModelInfo | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private models: readonly ModelInfo[] = [];

  /** Replaces the list; an empty list lets the view's welcome content show. */
  setModels(models: readonly ModelInfo[]): void {
    this.models = models;
    this.changed.fire(undefined);
  }

  get current(): readonly ModelInfo[] {
    return this.models;
  }

  getTreeItem(m: ModelInfo): vscode.TreeItem {
    const row = modelRow(m);
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
