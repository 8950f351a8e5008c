// What makes two results comparable: the same machine, model name, test and the options that
// change the figures (context length, the suite's resolved Ollama options, its concurrency). The
// host, the repetition count, keep_alive and the sampling interval do not change a per-repetition
// figure, so they are not part of the key.
import { createHash } from 'node:crypto';
import type { RunOptions } from '../../shared/dto';
import { testNumCtx } from '../../shared/testContext';

/** JSON with sorted keys, so the same options always give the same text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The options of one test that its figures depend on. Where Ollama loaded the model with less
 * context than asked (the test's loaded_context_length), the loaded value is its num_ctx.
 */
export function comparableOptions(
  options: Partial<RunOptions> | undefined,
  testType: string,
  loadedCtx?: number,
): Record<string, unknown> {
  const suite = options?.suite_options?.[testType];
  const asked = suite?.num_ctx ?? options?.num_ctx;
  const ctx = testNumCtx(asked, loadedCtx);
  const reduced = ctx !== undefined && ctx !== asked;
  return {
    num_ctx: reduced ? ctx : (options?.num_ctx ?? null),
    suite: suite ? (reduced ? { ...suite, num_ctx: ctx } : suite) : null,
    concurrency: options?.suite_concurrency?.[testType] ?? null,
  };
}

/** A short stable key of comparableOptions (12 hex digits), stored with each daily statistic. */
export function optionsKey(
  options: Partial<RunOptions> | undefined,
  testType: string,
  loadedCtx?: number,
): string {
  return createHash('sha256')
    .update(stableJson(comparableOptions(options, testType, loadedCtx)))
    .digest('hex')
    .slice(0, 12);
}

/** The suite options as a person reads them: "num_ctx 4096, num_predict 256, seed 42, …". */
export function optionsText(
  options: Partial<RunOptions> | undefined,
  testType: string,
  loadedCtx?: number,
): string {
  const o = comparableOptions(options, testType, loadedCtx);
  const suite = (o.suite ?? {}) as Record<string, unknown>;
  const parts = [`num_ctx ${String(o.num_ctx ?? '?')}`];
  for (const k of Object.keys(suite).sort()) {
    if (k !== 'num_ctx' && suite[k] !== undefined) parts.push(`${k} ${String(suite[k])}`);
  }
  if (Array.isArray(o.concurrency)) parts.push(`concurrency ${o.concurrency.join('/')}`);
  return parts.join(', ');
}
