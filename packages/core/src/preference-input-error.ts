import { KensaError } from './errors';

/**
 * Runs that cannot be turned into preference pairs as given: a scored-predictions run, runs with different
 * prompts for one question, a logged item the benchmark does not have. Bad input, not a bug (the CLI exits 2).
 */
export class PreferenceInputError extends KensaError {
  constructor(message: string) {
    super('preference-input', message);
    this.name = 'PreferenceInputError';
  }

  static override isInstance(error: unknown): error is PreferenceInputError {
    return KensaError.isInstance(error) && error.code === 'preference-input';
  }
}
