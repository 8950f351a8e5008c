// Reads the extension's settings; every malformed value becomes an error that says what is wrong.
import * as vscode from 'vscode';
import { defaultOllamaHost, parseOllamaHost } from '../core/ollama/ollamaHost';
import { DEFAULT_VERDICT_SETTINGS, type VerdictSettings } from '../core/trends/verdict';

export const SECTION = 'ollamaBench';

const config = () => vscode.workspace.getConfiguration(SECTION);

/** The Ollama base URL; throws HostSettingError for a malformed setting. */
export function ollamaHost(): string {
  const configured = config().get<string>('host');
  return parseOllamaHost(configured?.trim() ? configured : defaultOllamaHost());
}

/** The raw host setting as typed (for messages that must name what the user wrote). */
export function rawOllamaHost(): string {
  return config().get<string>('host')?.trim() || defaultOllamaHost();
}

/** The regression test's settings (ollamaBench.regression.*), out-of-range values as the defaults. */
export function verdictSettings(): VerdictSettings & { notify: boolean } {
  const c = vscode.workspace.getConfiguration(SECTION);
  const alpha = c.get<number>('regression.alpha');
  const effect = c.get<number>('regression.minEffectPercent');
  return {
    alpha:
      typeof alpha === 'number' && alpha > 0 && alpha < 1 ? alpha : DEFAULT_VERDICT_SETTINGS.alpha,
    minEffectPct:
      typeof effect === 'number' && effect >= 0 ? effect : DEFAULT_VERDICT_SETTINGS.minEffectPct,
    notify: c.get<boolean>('regression.notify', true),
  };
}
