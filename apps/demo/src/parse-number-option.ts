import { UsageError } from './usage-error';

/** Reads a numeric flag, failing with the flag's name when it is not a number in range. */
export function parseNumberOption(
  name: string,
  value: string | undefined,
  options: { integer?: boolean; min?: number; max?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  const valid =
    value.trim() !== '' &&
    Number.isFinite(number) &&
    (!options.integer || Number.isInteger(number)) &&
    (options.min === undefined || number >= options.min) &&
    (options.max === undefined || number <= options.max);
  if (!valid) {
    const kind = options.integer ? 'a whole number' : 'a number';
    const range = options.min === undefined ? '' : ` ≥ ${options.min}`;
    throw new UsageError(`${name} must be ${kind}${range}, not '${value}'.`);
  }
  return number;
}
