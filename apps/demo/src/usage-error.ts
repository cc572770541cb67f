import { KensaError } from '@kensa/core';

/** A command line that cannot be run as given (exit code 2). */
export class UsageError extends KensaError {
  constructor(message: string) {
    super('usage', message);
    this.name = 'UsageError';
  }
}
