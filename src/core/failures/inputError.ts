// Input a user can fix, where no more specific error class says what it was about.
import type { KindedError } from './failureKind';

export class InputError extends Error implements KindedError {
  readonly kind = 'input' as const;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
