import { KensaError } from '@kensa/core';

/**
 * A run folder or a pair of runs that cannot be read, scored or compared as given: a folder that is not a run, a
 * benchmark nobody registered, runs of different benchmarks. Bad input, not a bug (the CLI exits 2).
 */
export class ReportInputError extends KensaError {
  constructor(message: string) {
    super('report-input', message);
    this.name = 'ReportInputError';
  }

  static override isInstance(error: unknown): error is ReportInputError {
    return KensaError.isInstance(error) && error.code === 'report-input';
  }
}
