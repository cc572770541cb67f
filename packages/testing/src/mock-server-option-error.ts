import { KensaError } from '@kensa/core';

/** An option passed to `createMockServer` (or a `kensa-mock-server` flag) is out of range or of the wrong kind. */
export class MockServerOptionError extends KensaError {
  /** The option's name, e.g. `faults[1].rate`. */
  readonly option: string;

  constructor(options: { option: string; message: string }) {
    super('mock-server-option', `Mock server option '${options.option}': ${options.message}`);
    this.name = 'MockServerOptionError';
    this.option = options.option;
  }

  static override isInstance(error: unknown): error is MockServerOptionError {
    return KensaError.isInstance(error) && error.code === 'mock-server-option';
  }
}
