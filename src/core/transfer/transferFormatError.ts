import type { KindedError } from '../failures/failureKind';

/** A file that is not what it should be: which file, where (line or byte offset), and why. */
export class TransferFormatError extends Error implements KindedError {
  readonly kind = 'input' as const;
  constructor(
    readonly file: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${file}: ${where}: ${problem}`);
    this.name = 'TransferFormatError';
  }
}
