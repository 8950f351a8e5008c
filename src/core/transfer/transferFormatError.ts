import { InputError } from '../failures/inputError';

/** A file that is not what it should be: which file, where (line or byte offset), and why. */
export class TransferFormatError extends InputError {
  override readonly name = 'TransferFormatError';
  constructor(
    readonly file: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${file}: ${where}: ${problem}`);
  }
}
