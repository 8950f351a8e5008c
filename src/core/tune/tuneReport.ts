// A tune's answer for people and for programs: the settings and their gain over Ollama's
// defaults with its interval, how the confirmation ended, a table of every trial, the Modelfile
// and the command that builds it; as JSON, the same in one object.
import type { TuneAnswerJson, TuneEstimateJson } from '../../shared/tuneView';
import type { ServerSetting } from './serverAdvice';
import { envText } from './serverAdvice';
import { createCommand, modelfileText } from './modelfile';
import { GOAL_MEASURES } from './tuneGoal';
import type { TuneOutcome } from './tuneRun';
import { settingKey, settingParameters, type TuneSetting } from './tuneSetting';
import type { Estimate } from './tuneTrials';

/** What a server setting measured when the tune ran its own server (--serve). */
export interface ServerTrial {
  env: Record<string, string>;
  status: 'ok' | 'failed';
  value?: number;
  error?: string;
}

export interface TuneAnswerInput {
  model: string;
  tuneId: string;
  outcome: TuneOutcome;
  notes: readonly string[];
  /** The advice without --serve; what each measured with it. */
  server: { advice?: ServerSetting[]; measured?: ServerTrial[] };
}

const CONFIRMATION_TEXT: Record<TuneOutcome['confirmation'], string> = {
  separated: "confirmed: its 95 % interval is apart from the defaults'",
  budget: 'not confirmed: the budget ended before the 95 % intervals were apart',
  cancelled: 'not confirmed: cancelled',
  not_separated: "not confirmed: after every round its 95 % interval still overlaps the defaults'",
  defaults_best: "Ollama's defaults were the fastest setting found",
};

const round = (v: number) => Math.round(v * 100) / 100;
const ci = (c: readonly [number, number] | undefined) =>
  c ? ([round(c[0]), round(c[1])] as [number, number]) : null;

function estimateJson(e: Estimate): TuneEstimateJson {
  return { options: settingParameters(e.setting), value: round(e.value), ci95: ci(e.ci95) };
}

export function tuneJson(input: TuneAnswerInput): TuneAnswerJson {
  const { outcome, model } = input;
  const best = outcome.best;
  return {
    model,
    goal: outcome.goal,
    tune_id: input.tuneId,
    unit: GOAL_MEASURES[outcome.goal].unit,
    default: outcome.default ? estimateJson(outcome.default) : null,
    best: best
      ? {
          ...estimateJson(best),
          gain_pct: best.gain_pct === undefined ? null : round(best.gain_pct),
          gain_ci95: ci(best.gain_ci95),
        }
      : null,
    confirmation: outcome.confirmation,
    ...(outcome.stopped ? { stopped: outcome.stopped } : {}),
    trials: outcome.trials.map((t) => ({
      options: settingParameters(t.setting),
      value: t.value === undefined ? null : round(t.value),
      status: t.status,
      stage: t.stage,
      repetitions: t.repetitions,
      ...(t.session_id ? { session_id: t.session_id } : {}),
      ...(t.error ? { error: t.error } : {}),
    })),
    grid_trials: outcome.gridSize,
    elapsed_ms: Math.round(outcome.elapsedMs),
    modelfile: best ? modelfileText(model, best.setting) : null,
    command: best ? createCommand(model) : null,
    server_settings: input.server.measured ?? input.server.advice ?? [],
    search_space: input.notes,
  };
}

const label = (s: TuneSetting) => settingKey(s) || 'defaults';

export function tuneText(input: TuneAnswerInput): string {
  const { outcome, model } = input;
  const unit = GOAL_MEASURES[outcome.goal].unit;
  const out: string[] = [`${model}, goal ${outcome.goal} (${unit}), tune ${input.tuneId}`];
  const d = outcome.default;
  const b = outcome.best;
  if (d) out.push(`Ollama's defaults: ${fmt(d)}`);
  if (b) {
    out.push(`best: ${label(b.setting)}: ${fmt(b)}`);
    if (b.gain_pct !== undefined)
      out.push(
        `gain: ${signed(b.gain_pct)} %${b.gain_ci95 ? ` (95 % interval ${signed(b.gain_ci95[0])} to ${signed(b.gain_ci95[1])} %)` : ''}; ${CONFIRMATION_TEXT[outcome.confirmation]}`,
      );
  } else out.push('no trial loaded the model: nothing to recommend');
  if (outcome.stopped)
    out.push(
      `the search stopped early: ${outcome.stopped === 'budget' ? 'the budget ended' : 'cancelled'}`,
    );
  out.push(
    '',
    `trials (${outcome.trials.length}, a full grid would be ${outcome.gridSize}):`,
    ...trialRows(input),
  );
  if (b)
    out.push(
      '',
      'Modelfile:',
      modelfileText(model, b.setting).trimEnd(),
      '',
      `then: ${createCommand(model)}`,
    );
  const measured = input.server.measured;
  if (measured?.length) {
    out.push('', 'server settings (each on its own ollama serve):');
    for (const s of measured)
      out.push(
        `  ${envText(s.env).padEnd(48)} ${s.status === 'ok' && s.value !== undefined ? `${round(s.value)} ${unit}` : `failed: ${s.error ?? ''}`}`,
      );
  } else if (input.server.advice?.length) {
    out.push(
      '',
      'server settings to try (they need a restart of ollama serve; --serve PATH tries them):',
    );
    for (const s of input.server.advice) out.push(`  ${envText(s.env)}: ${s.effect}`);
  }
  return out.join('\n');
}

function trialRows(input: TuneAnswerInput): string[] {
  return input.outcome.trials.map((t, i) => {
    const value = t.status === 'ok' && t.value !== undefined ? String(round(t.value)) : 'failed';
    const why = t.status === 'failed' && t.error ? `  ${t.error}` : '';
    return `  ${String(i + 1).padStart(3)}  ${t.stage.padEnd(10)} ${label(t.setting).padEnd(52)} ×${t.repetitions}  ${value}${why}`;
  });
}

function fmt(e: Estimate): string {
  const c = e.ci95 ? ` (95 % interval ${round(e.ci95[0])}–${round(e.ci95[1])})` : '';
  return `${round(e.value)}${c}, ${e.values.length} repetitions`;
}

const signed = (v: number) => `${v >= 0 ? '+' : ''}${round(v)}`;
