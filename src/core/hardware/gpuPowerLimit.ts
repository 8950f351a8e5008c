// Each NVIDIA GPU's power limit (W), asked once of nvidia-smi: a lowered limit slows generation as
// surely as a slower card, so a session records it among its conditions.
import { execFile } from 'node:child_process';

/** `nvidia-smi --query-gpu=power.limit --format=csv,noheader,nounits` lines → watts per GPU. */
export function parsePowerLimits(text: string): number[] | undefined {
  const values = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map(Number);
  return values.length && values.every((v) => Number.isFinite(v) && v > 0) ? values : undefined;
}

/** The limits, or undefined without nvidia-smi, a driver, or an answer within 3 s. */
export function readGpuPowerLimits(command = 'nvidia-smi'): Promise<number[] | undefined> {
  return new Promise((resolve) => {
    execFile(
      command,
      ['--query-gpu=power.limit', '--format=csv,noheader,nounits'],
      { timeout: 3000, windowsHide: true },
      (err, stdout) => resolve(err ? undefined : parsePowerLimits(String(stdout))),
    );
  });
}
