// The Machines view for a terminal (a table with a bar per row for the sorted figure) and as the
// JSON `ollama-bench machines --json` prints.
import { barShares, MACHINE_FIGURE_LABELS, type MachinesView } from '../../shared/machines';
import { textTableLines } from '../report/textTable';
import { figureText, summaryText } from '../../shared/machineText';

const BAR_WIDTH = 20;

export function machinesText(view: MachinesView): string {
  const lines = [
    `${view.model} · ${view.setting} · ${view.machines.length} machine(s), sorted by ${MACHINE_FIGURE_LABELS[view.sort]}`,
    'Figures: median [95 % interval] over each machine’s results; LocalScore = 10·∛(prompt tok/s · tok/s · 1000 / TTFT ms).',
    '',
  ];
  const shares = barShares(view);
  const header = ['MACHINE', 'TOK/S', 'PROMPT TOK/S', 'TTFT MS', 'J/TOKEN', 'N', 'LOCALSCORE', ''];
  const rows = view.machines.map((r, i) => [
    r.hostname,
    figureText(r.tokens_per_second),
    figureText(r.prompt_tokens_per_second),
    figureText(r.ttft_ms),
    figureText(r.joules_per_token),
    String(r.n),
    r.localscore === undefined ? '-' : r.localscore.toFixed(0),
    '█'.repeat(Math.round((shares[i] ?? 0) * BAR_WIDTH)),
  ]);
  lines.push(...textTableLines([header, ...rows], new Set([5, 6])));
  lines.push('');
  for (const r of view.machines) lines.push(`${r.hostname}: ${summaryText(r.summary)}`);
  if (view.differences.length) {
    lines.push('', 'Conditions that differ between the machines:');
    for (const d of view.differences) lines.push(`  ${d.condition}: ${d.values.join(' | ')}`);
  }
  if (view.excluded.length) {
    lines.push('', 'Not compared (other options):');
    for (const x of view.excluded) lines.push(`  ${x.hostname}: ${x.n} result(s) at ${x.setting}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The JSON of `machines --json`: what can be picked is left to the dashboard. */
export function machinesJson(view: MachinesView): Omit<MachinesView, 'choices'> {
  const { choices: _choices, ...rest } = view;
  return rest;
}
