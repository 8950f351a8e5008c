// docs/cli.md is what the commands print with --help now: regenerated in memory and compared, so a
// changed option or description fails here until the reference is written again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CLI_REFERENCE_PATH, renderCliReference } from '../../scripts/cliReference';

describe('CLI reference (docs/cli.md)', () => {
  it('matches the --help of every command', () => {
    const committed = readFileSync(CLI_REFERENCE_PATH, 'utf8');
    const current = renderCliReference();
    if (committed === current) return;
    const committedLines = committed.split('\n');
    const currentLines = current.split('\n');
    const at = currentLines.findIndex((line, i) => line !== committedLines[i]);
    assert.fail(
      `docs/cli.md is stale: run \`npm run docs:cli\` and commit it.\n` +
        `First difference at line ${at + 1}:\n` +
        `  committed: ${committedLines[at] ?? '(end of file)'}\n` +
        `  current:   ${currentLines[at] ?? '(end of file)'}`,
    );
  });

  it('lists every command and subcommand with a section of its own', () => {
    const reference = renderCliReference();
    for (const name of ['run', 'models', 'history', 'plan create', 'store check', 'suites list'])
      assert.match(reference, new RegExp(`^## ollama-bench ${name}$`, 'm'));
    assert.ok(!reference.includes('\u001b['), 'no terminal colours');
  });
});
