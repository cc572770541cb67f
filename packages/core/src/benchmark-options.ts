import { z } from 'zod';
import type { Benchmark } from './benchmark';
import { BenchmarkOptionsError, KensaError } from './errors';

/** One option a benchmark's factory accepts, as `kensa list` prints it and `-T key=value` sets it. */
export interface BenchmarkOptionInfo {
  readonly key: string;
  /** What it does, its values and its default, in one line. */
  readonly description: string;
}

/**
 * A benchmark's factory options, part of the contract (optional): their description, and a way to build the
 * benchmark again with other values. Values may be typed (`{ years: [2022] }`) or strings as a command line
 * gives them (`{ years: '2021,2022' }`); the plugin's own strict schema checks and converts them.
 */
export interface BenchmarkOptions {
  readonly keys: readonly BenchmarkOptionInfo[];
  /** The benchmark built with these options; throws `BenchmarkOptionsError` for an unknown key or a bad value. */
  create(values: Readonly<Record<string, unknown>>): Benchmark;
}

function splitList(value: unknown): unknown {
  if (typeof value === 'number') return [value];
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function toNumber(value: unknown): unknown {
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
    ? Number(value)
    : value;
}

const booleanWords: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
};

/** Option value builders: each accepts the typed value and the command line's string for it. */
export const benchmarkOption = {
  /** A whole number (`2022`). */
  integer: () => z.preprocess(toNumber, z.number().int()),
  /** One of the given strings. */
  choice: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values),
  /** A list, comma-separated on the command line (`2021,2022`); at least one entry. */
  list: <T extends z.ZodType>(item: T) => z.preprocess(splitList, z.array(item).min(1)),
  /** `true`/`false` (also `yes`/`no`, `1`/`0`). */
  boolean: () =>
    z.preprocess(
      (value) => (typeof value === 'string' ? (booleanWords[value.trim().toLowerCase()] ?? value) : value),
      z.boolean(),
    ),
  /** Any non-empty string. */
  string: () => z.string().min(1),
};

/** Fields of an options schema, each optional and described (`.describe(…)`): the description is what users see. */
export type BenchmarkOptionsShape = Record<string, z.ZodType>;

function describeIssue(issue: z.core.$ZodIssue, benchmark: string): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((name) => `'${name}'`).join(', ')}`;
  }
  const key = issue.path[0];
  return `${key === undefined ? benchmark : `'${String(key)}'`}: ${issue.message}`;
}

/**
 * Checks options against a plugin's strict schema and returns the parsed values; an unknown key or a bad value
 * throws a `BenchmarkOptionsError` that lists every valid key.
 */
export function parseBenchmarkOptions<S extends BenchmarkOptionsShape>(
  benchmark: string,
  shape: S,
  values: unknown,
): z.output<z.ZodObject<S>> {
  const schema = z.strictObject(shape);
  const parsed = schema.safeParse(values ?? {});
  if (parsed.success) return parsed.data;
  throw new BenchmarkOptionsError({
    benchmark,
    problems: parsed.error.issues.map((issue) => describeIssue(issue, benchmark)),
    keys: optionInfos(shape),
  });
}

function optionInfos(shape: BenchmarkOptionsShape): BenchmarkOptionInfo[] {
  return Object.entries(shape).map(([key, field]) => ({ key, description: field.description ?? '' }));
}

/**
 * Builds a benchmark's `options` from its schema's fields and its factory: `create` checks the values against the
 * strict schema, then calls the factory with the parsed values. An error the factory throws about a value (an
 * unknown subject, a revision that is not a commit) becomes a `BenchmarkOptionsError` too.
 */
export function defineBenchmarkOptions<S extends BenchmarkOptionsShape>(
  benchmark: string,
  shape: S,
  factory: (options: z.output<z.ZodObject<S>>) => Benchmark,
): BenchmarkOptions {
  const keys = optionInfos(shape);
  return {
    keys,
    create(values) {
      const parsed = parseBenchmarkOptions(benchmark, shape, values);
      try {
        return factory(parsed);
      } catch (error) {
        if (KensaError.isInstance(error) || !(error instanceof Error)) throw error;
        throw new BenchmarkOptionsError({ benchmark, problems: [error.message.replace(/\.$/, '')], keys });
      }
    },
  };
}
