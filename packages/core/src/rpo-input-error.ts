import { KensaError } from './errors';

/**
 * Inputs or parameters of the RPO loss that cannot give a meaningful number: an empty batch, a completion with no
 * tokens, arrays of mismatched shapes, a value that is not finite, β ≤ 0, α < 0, or ε outside [0, 0.5]. The loss
 * is never returned as NaN; it fails with this error, naming the field (and the example) at fault.
 */
export class RpoInputError extends KensaError {
  /** The field at fault, as the API names it, with its index: `chosenMask[1]`, `beta`. */
  readonly field: string;
  /** What is wrong with it, without the field name. */
  readonly problem: string;

  constructor(options: { field: string; problem: string }) {
    super('rpo-input', `${options.field}: ${options.problem}`);
    this.name = 'RpoInputError';
    this.field = options.field;
    this.problem = options.problem;
  }

  static override isInstance(error: unknown): error is RpoInputError {
    return KensaError.isInstance(error) && error.code === 'rpo-input';
  }
}
