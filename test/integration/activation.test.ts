// Runs inside a real VS Code (mocha, tdd ui, through @vscode/test-cli): the extension activates
// on its view/commands, registers what the manifest declares, and survives an unreachable host.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/host/commandIds';

declare function suite(name: string, fn: () => void): void;
declare function test(name: string, fn: () => Promise<void> | void): void;

const EXTENSION_ID = 'ollama-bench.ollama-bench';

suite('Ollama Bench activation', () => {
  test('activates without a workspace-wide activation event', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed in the test instance`);
    const events = (ext.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(!events.includes('*'), 'no "*" activation');
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  test('registers every command the manifest contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    const declared = (
      ext.packageJSON as { contributes: { commands: { command: string }[] } }
    ).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of declared) assert.ok(registered.has(id), `${id} is registered`);
  });

  test('refreshing against a closed port neither throws nor hangs', async () => {
    const config = vscode.workspace.getConfiguration('ollamaBench');
    await config.update('host', 'http://127.0.0.1:59999', vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand(CommandIds.refreshModels);
    } finally {
      await config.update('host', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
