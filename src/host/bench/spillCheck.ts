// Before a run: would a chosen model spill onto the CPU at this num_ctx? Then ask — "Run anyway",
// "Use num_ctx N" (the largest power of two that fits every spilling model), or Cancel — so a
// CPU-bound measurement is a choice, not a surprise found after loading.
import * as vscode from 'vscode';
import { suggestedNumCtx } from '../../core/fit/fitAdvisor';
import { fitSentence } from '../../core/fit/modelFits';
import type { FitService } from '../fit/fitService';

/** The num_ctx to run with, or undefined when the user cancelled. */
export async function confirmFit(
  fitService: FitService,
  host: string,
  models: readonly { name: string; size: number }[],
  numCtx: number,
  log: vscode.LogOutputChannel,
): Promise<number | undefined> {
  let fits;
  try {
    fits = await fitService.fits(host, models, numCtx);
  } catch (err) {
    // No estimate is no reason to stop a run.
    log.warn(`Fit check skipped: ${err instanceof Error ? err.message : String(err)}`);
    return numCtx;
  }
  const spilling = [...fits.values()]
    .map((f) => f.report)
    .filter((r) => r.verdict === 'partial' || r.verdict === 'too_big');
  if (!spilling.length) return numCtx;
  const offers = spilling.map(suggestedNumCtx);
  const offer = offers.every((o) => o !== undefined)
    ? Math.min(...(offers as number[]))
    : undefined;
  const runAnyway = 'Run anyway';
  const smaller = offer !== undefined && offer < numCtx ? `Use num_ctx ${offer}` : undefined;
  const message = spilling.map((r) => fitSentence(r, numCtx)).join(' ');
  log.info(`Fit check: ${message}`);
  const choice = await vscode.window.showWarningMessage(
    message,
    { modal: true, detail: 'The estimate is weights × 1.2 plus the KV cache (Ollama Bench: fit).' },
    ...(smaller ? [runAnyway, smaller] : [runAnyway]),
  );
  if (choice === runAnyway) return numCtx;
  if (choice && choice === smaller) return offer;
  return undefined;
}
