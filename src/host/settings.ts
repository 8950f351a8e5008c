// The extension's only door to its `ollamaBench.*` settings: reads them into typed values (the
// parsing is src/core/settings), writes them, and turns VS Code's configuration events into one
// event that says which settings changed. A malformed setting that has a safe default is reported
// once (output and a warning with Open Setting) and the default is used; one without (the Ollama
// host, a folder) throws its error to the feature that needs it.
import * as vscode from 'vscode';
import { defaultOllamaHost, parseOllamaHost } from '../core/ollama/ollamaHost';
import {
  changedSettings,
  readSetting,
  readSettings,
  type SettingProblem,
} from '../core/settings/readSettings';
import {
  settingName,
  SETTINGS_SECTION,
  type SettingKey,
  type Settings,
} from '../core/settings/settingsSchema';
import type { VerdictSettings } from '../core/trends/verdict';

/** Which settings one configuration change touched. */
export interface SettingsChange {
  readonly keys: ReadonlySet<SettingKey>;
  affects(key: SettingKey): boolean;
}

const OPEN_SETTING = 'Open Setting';

export class SettingsReader implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SettingsChange>();
  /** Fires after VS Code applied a change to one or more `ollamaBench.*` settings. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** The message last reported per setting, so one malformed value is reported once. */
  private readonly reported = new Map<SettingKey, string>();

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      const keys = new Set(changedSettings((name) => e.affectsConfiguration(name)));
      if (!keys.size) return;
      for (const key of keys) this.reported.delete(key);
      this.reportMalformed(keys);
      this.changed.fire({ keys, affects: (key) => keys.has(key) });
    });
  }

  /**
   * The setting's typed value. Malformed: its default, reported once, or (for the host and the
   * folders) its error thrown.
   */
  get<K extends SettingKey>(key: K): Settings[K] {
    const read = readSetting(key, this.raw(key));
    if (read.ok) return read.value;
    if (read.problem.malformed === 'refuse') throw read.problem.error;
    this.report(read.problem);
    return read.fallback;
  }

  /** What the setting holds as VS Code returns it (the user's text, for messages and inputs). */
  raw(key: SettingKey): unknown {
    return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>(key);
  }

  /**
   * Reports every malformed setting that falls back to its default (those that refuse are reported
   * by the feature that needs them, when it does).
   */
  reportMalformed(keys?: ReadonlySet<SettingKey>): void {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const { problems } = readSettings((key) => config.get<unknown>(key));
    for (const p of problems)
      if (p.malformed === 'default' && (!keys || keys.has(p.key))) this.report(p);
  }

  /**
   * Writes a setting (undefined removes it) where its value comes from now: the workspace when it
   * is set there, else the user's settings, which VS Code turns into the remote settings in a
   * remote window for the settings that belong to a machine.
   */
  async update(key: SettingKey, value: unknown): Promise<void> {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const target =
      config.inspect(key)?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
    await config.update(key, value, target);
  }

  /** Opens the Settings editor on one setting. */
  async open(key: SettingKey): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.openSettings', settingName(key));
  }

  /** The Ollama base URL: the setting, else OLLAMA_HOST, else the default; throws HostSettingError. */
  ollamaHost(): string {
    return this.get('host') ?? parseOllamaHost(defaultOllamaHost());
  }

  /** The regression check's settings (ollamaBench.regression.*). */
  verdictSettings(): VerdictSettings & { notify: boolean } {
    return {
      alpha: this.get('regression.alpha'),
      minEffectPct: this.get('regression.minEffectPercent'),
      notify: this.get('regression.notify'),
    };
  }

  private report(problem: SettingProblem): void {
    if (this.reported.get(problem.key) === problem.message) return;
    this.reported.set(problem.key, problem.message);
    this.log.warn(problem.message);
    void vscode.window.showWarningMessage(problem.message, OPEN_SETTING).then((pick) => {
      if (pick === OPEN_SETTING) return this.open(problem.key);
      return undefined;
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
