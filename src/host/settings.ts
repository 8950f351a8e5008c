// Reads the extension's settings; every malformed value becomes an error that says what is wrong.
import * as vscode from 'vscode';
import { defaultOllamaHost, parseOllamaHost } from '../core/ollama/ollamaHost';

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
