/** A file that is not what it should be: which file, where (line or byte offset), and why. */
export class TransferFormatError extends Error {
  constructor(
    readonly file: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${file}: ${where}: ${problem}`);
    this.name = 'TransferFormatError';
  }
}
