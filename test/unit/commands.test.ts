// The command registry (src/host/commandIds.ts) against the manifest: every contributed command is
// in the registry and registered by exactly one controller, every registered command is
// contributed, menus and welcome links name real commands, and no host file registers a command or
// spells a command id outside the registry.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import {
  CommandIds,
  CommandsByController,
  ContextKeys,
  ViewIds,
  type CommandName,
} from '../../src/host/commandIds';

const root = join(__dirname, '..', '..');

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    views: Record<string, { id: string }[]>;
    viewsWelcome: { view: string; contents: string; when?: string }[];
  };
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const contributed = manifest.contributes.commands.map((c) => c.command);
const registryIds = Object.values(CommandIds) as string[];
const registered = Object.values(CommandsByController).flatMap((names) =>
  names.map((n: CommandName) => CommandIds[n] as string),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('command registry', () => {
  it('every contributed command is in the registry and registered by the extension', () => {
    for (const id of contributed) {
      assert.ok(registryIds.includes(id), `${id} (package.json) is missing from CommandIds`);
      assert.ok(registered.includes(id), `${id} is contributed but no controller registers it`);
    }
  });

  it('every registered command is contributed, once, with the Ollama Bench category', () => {
    for (const id of registered) assert.ok(contributed.includes(id), `${id} is not contributed`);
    assert.equal(new Set(contributed).size, contributed.length, 'a command is contributed twice');
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'Ollama Bench');
  });

  it('every registry entry is registered by exactly one controller', () => {
    for (const id of registryIds) {
      const owners = registered.filter((r) => r === id).length;
      assert.equal(owners, 1, `${id} is registered by ${owners} controllers`);
    }
  });

  it('menus and welcome links name contributed commands', () => {
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items)
        assert.ok(contributed.includes(item.command), `${menu}: ${item.command} is unknown`);
    }
    for (const w of manifest.contributes.viewsWelcome) {
      for (const [, id] of w.contents.matchAll(/\(command:([\w.]+)\)/g))
        assert.ok(contributed.includes(id!), `welcome of ${w.view}: ${id} is unknown`);
    }
  });

  it('view ids and context keys are the ones the manifest uses', () => {
    const views = Object.values(manifest.contributes.views)
      .flat()
      .map((v) => v.id);
    assert.deepEqual([...views].sort(), [...Object.values(ViewIds)].sort());
    const text = JSON.stringify(manifest.contributes);
    for (const key of Object.values(ContextKeys))
      assert.ok(text.includes(key), `context key ${key} appears in no when clause`);
  });

  it('only registerCommands registers, and no other source file spells a command id', () => {
    const registry = join(root, 'src', 'host', 'commandIds.ts');
    const registrar = join(root, 'src', 'host', 'registerCommands.ts');
    const files = [
      ...sourceFiles(join(root, 'src')),
      ...sourceFiles(join(root, 'webview')),
      ...sourceFiles(join(root, 'test', 'integration')),
    ];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const where = relative(root, file);
      if (file !== registrar)
        assert.doesNotMatch(text, /registerCommand\(/, `${where} registers a command itself`);
      if (file === registry) continue;
      for (const id of registryIds)
        assert.ok(!text.includes(`'${id}'`), `${where} spells '${id}': use CommandIds`);
    }
  });
});
