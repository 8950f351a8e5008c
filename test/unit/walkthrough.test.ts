// The Getting Started walkthrough (package.json contributes.walkthroughs): four steps, each ticked
// off by an event that names a real command or setting, with its media file present, so a renamed
// command or setting cannot leave a step that never completes.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CommandIds, WALKTHROUGH_ID } from '../../src/host/commandIds';

const root = join(__dirname, '..', '..');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents: string[];
}
interface Manifest {
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, unknown> };
    walkthroughs: { id: string; steps: Step[] }[];
  };
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const commands = new Set(manifest.contributes.commands.map((c) => c.command));
const settings = new Set(Object.keys(manifest.contributes.configuration.properties));
const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === WALKTHROUGH_ID);

/** Why an event names nothing real, or undefined when it does. */
function unknownTarget(event: string): string | undefined {
  const [kind, target = ''] = event.split(/:(.*)/s);
  if (kind === 'onCommand') return commands.has(target) ? undefined : `no command ${target}`;
  if (kind === 'onSettingChanged') return settings.has(target) ? undefined : `no setting ${target}`;
  return `an event this test does not know: ${event}`;
}

describe('Getting Started walkthrough', () => {
  it('is contributed under the id the Open Getting Started command opens', () => {
    assert.ok(walkthrough, `no walkthrough ${WALKTHROUGH_ID} in package.json`);
    assert.ok(commands.has(CommandIds.openGettingStarted));
  });

  it('has four steps: Ollama, a first benchmark, the dashboard, the rankings', () => {
    const events = walkthrough!.steps.map((s) => s.completionEvents);
    assert.equal(events.length, 4);
    assert.ok(events[0]!.includes('onSettingChanged:ollamaBench.host'));
    assert.ok(events[1]!.includes(`onCommand:${CommandIds.runBenchmark}`));
    assert.ok(events[2]!.includes(`onCommand:${CommandIds.openDashboard}`));
    assert.ok(events[3]!.includes(`onCommand:${CommandIds.recommendModel}`));
  });

  it('every completion event names a contributed command or setting', () => {
    for (const step of walkthrough!.steps) {
      assert.ok(step.completionEvents.length > 0, `${step.id} has no completion event`);
      for (const event of step.completionEvents)
        assert.equal(unknownTarget(event), undefined, `${step.id}: ${event}`);
    }
  });

  it("every step's buttons name contributed commands and its media file exists", () => {
    for (const step of walkthrough!.steps) {
      for (const [, id] of step.description.matchAll(/\(command:([\w.]+)\)/g))
        assert.ok(commands.has(id!), `${step.id}: button for unknown command ${id}`);
      const media = step.media.markdown ?? step.media.image ?? '';
      assert.ok(media.startsWith('media/'), `${step.id}: media must ship in media/`);
      assert.ok(existsSync(join(root, media)), `${step.id}: ${media} is missing`);
    }
  });

  it('rejects an event that names nothing', () => {
    assert.match(unknownTarget('onCommand:ollamaBench.nothing') ?? '', /no command/);
    assert.match(unknownTarget('onSettingChanged:ollamaBench.nothing') ?? '', /no setting/);
  });
});
