// Where an eval set comes from: `core`, the set shipped with the extension and the CLI (copied
// beside the bundles by esbuild.mjs, read from src/ when running from source), or a JSONL file.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { refuseKernelPath } from '../paths/kernelPathGuard';
import type { EvalSet } from './evalItem';
import { EvalSetError, parseEvalSet } from './evalSetParser';

export const CORE_SET = 'core';

/** dist/evalSets/core.jsonl beside the bundle, or src/core/quality/sets/core.jsonl from source. */
export function coreSetPath(): string {
  const candidates = [
    join(__dirname, 'evalSets', 'core.jsonl'),
    join(__dirname, 'sets', 'core.jsonl'),
  ];
  return candidates.find((p) => existsSync(p)) ?? candidates[1] ?? '';
}

/** The set `core` or the JSONL file `nameOrPath` names, checked line by line. */
export function loadEvalSet(nameOrPath: string): EvalSet {
  if (nameOrPath === CORE_SET) return parseEvalSet(CORE_SET, readFileSync(coreSetPath(), 'utf8'));
  const name = basename(nameOrPath).replace(/\.jsonl$/i, '');
  refuseKernelPath(nameOrPath, 'an eval set');
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch (err) {
    throw new EvalSetError(
      name,
      undefined,
      `cannot read ${nameOrPath} (${(err as NodeJS.ErrnoException).code ?? String(err)}); give "core" or a JSONL file`,
    );
  }
  return parseEvalSet(name, text);
}
