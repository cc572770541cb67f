import { z } from 'zod';
import { DatasetParseError } from './errors';
import { RpoInputError } from './rpo-input-error';
import {
  type RpoLossParameters,
  rpoLoss,
  type SequenceLogps,
  sequenceLogpsFromTokens,
  type TokenLogps,
} from './rpo-loss';

/*
 * The file format of `kensa rpo loss --input FILE` and of the shared test vectors (`rpo-loss-vectors/v1`): one case,
 * or `{"cases": [...]}`, each with snake_case `params` and `inputs` (`token_level` and/or `sequence_level`), and
 * optionally the `expected` outputs to check against. Field names follow TRL and the vectors, not TypeScript.
 */

const vector = z.array(z.number());
const matrix = z.array(z.array(z.number()));

const tokenLevelSchema = z.strictObject({
  chosen_mask: matrix,
  rejected_mask: matrix,
  policy_chosen_token_logps: matrix,
  policy_rejected_token_logps: matrix,
  reference_chosen_token_logps: matrix,
  reference_rejected_token_logps: matrix,
});

const sequenceLevelSchema = z.strictObject({
  policy_chosen_logps: vector,
  policy_rejected_logps: vector,
  reference_chosen_logps: vector,
  reference_rejected_logps: vector,
  chosen_token_counts: vector,
  rejected_token_counts: vector,
});

const caseSchema = z.object({
  id: z.string().min(1).optional(),
  // Strict: a misspelt `label_smoothing` must not silently become 0.
  params: z.strictObject({
    beta: z.number(),
    alpha: z.number(),
    label_smoothing: z.number().optional(),
    reference_free: z.boolean().optional(),
  }),
  inputs: z
    .strictObject({
      token_level: tokenLevelSchema.optional(),
      sequence_level: sequenceLevelSchema.optional(),
    })
    .refine((inputs) => inputs.token_level !== undefined || inputs.sequence_level !== undefined, {
      message: 'needs token_level or sequence_level',
    }),
  expected: z.unknown().optional(),
});

const toleranceSchema = z.object({ absolute: z.number().min(0), relative: z.number().min(0) });

/** How close a computed value must be to an expected one: |got − expected| ≤ max(absolute, relative·|expected|). */
export interface RpoTolerance {
  readonly absolute: number;
  readonly relative: number;
}

/** The vectors' own tolerance: 1e-12, absolute and relative. */
export const defaultRpoTolerance: RpoTolerance = { absolute: 1e-12, relative: 1e-12 };

/** One case of an RPO loss file, in the API's terms. */
export interface RpoLossCase {
  readonly id: string;
  readonly parameters: RpoLossParameters;
  readonly tokenLevel?: TokenLogps;
  readonly sequenceLevel?: SequenceLogps;
  /** The file's `expected` outputs, if it has them, as written (snake_case). */
  readonly expected?: unknown;
}

/** The cases of a file, with the tolerance it asks for (the file's `tolerance`, else 1e-12). */
export interface RpoLossFile {
  readonly cases: readonly RpoLossCase[];
  readonly tolerance: RpoTolerance;
}

/** Which input form to compute from: the per-token one when a case has it (`auto`), or one of them by name. */
export type RpoInputForm = 'auto' | 'token' | 'sequence';

/** One case's outputs, under the same names as the vectors' `expected` (and the `--json` contract). */
export interface RpoLossCaseOutput {
  readonly id: string;
  readonly loss: number;
  readonly dpo_loss: number;
  readonly nll_loss: number;
  readonly nll_loss_sequence_mean: number;
  readonly loss_with_sequence_mean_nll: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly per_example: {
    readonly logits: readonly number[];
    readonly dpo_losses: readonly number[];
    readonly chosen_rewards: readonly number[];
    readonly rejected_rewards: readonly number[];
    readonly margins: readonly number[];
    readonly accuracies: readonly number[];
  };
}

/** A value that is not within tolerance of the expected one (or is missing). */
export interface RpoMismatch {
  /** e.g. `per_example.dpo_losses[1]`. */
  readonly path: string;
  readonly expected: number;
  readonly got: number | undefined;
}

function describeIssues(error: z.ZodError, prefix: string): string {
  return error.issues
    .map((issue) => {
      const path = [
        prefix,
        ...issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)),
      ]
        .join('')
        .replace(/^\./, '');
      return `${path === '' ? '' : `${path}: `}${issue.message}`;
    })
    .join('; ');
}

function toCase(raw: z.infer<typeof caseSchema>, index: number): RpoLossCase {
  const token = raw.inputs.token_level;
  const sequence = raw.inputs.sequence_level;
  return {
    id: raw.id ?? `case-${index + 1}`,
    parameters: {
      beta: raw.params.beta,
      alpha: raw.params.alpha,
      labelSmoothing: raw.params.label_smoothing ?? 0,
      referenceFree: raw.params.reference_free ?? false,
    },
    ...(token === undefined
      ? {}
      : {
          tokenLevel: {
            chosenMask: token.chosen_mask,
            rejectedMask: token.rejected_mask,
            policyChosenTokenLogps: token.policy_chosen_token_logps,
            policyRejectedTokenLogps: token.policy_rejected_token_logps,
            referenceChosenTokenLogps: token.reference_chosen_token_logps,
            referenceRejectedTokenLogps: token.reference_rejected_token_logps,
          },
        }),
    ...(sequence === undefined
      ? {}
      : {
          sequenceLevel: {
            policyChosenLogps: sequence.policy_chosen_logps,
            policyRejectedLogps: sequence.policy_rejected_logps,
            referenceChosenLogps: sequence.reference_chosen_logps,
            referenceRejectedLogps: sequence.reference_rejected_logps,
            chosenTokenCounts: sequence.chosen_token_counts,
            rejectedTokenCounts: sequence.rejected_token_counts,
          },
        }),
    ...(raw.expected === undefined ? {} : { expected: raw.expected }),
  };
}

/**
 * Reads an RPO loss file already parsed from JSON: one case, or `{"cases": [...]}`. Shape errors fail with
 * `DatasetParseError` naming the file and the field (`cases[2].params.beta: …`); values are checked later, when the
 * loss is computed.
 */
export function parseRpoLossFile(value: unknown, file: string): RpoLossFile {
  const isList = typeof value === 'object' && value !== null && !Array.isArray(value) && 'cases' in value;
  const listSchema = z.object({ cases: z.array(caseSchema).min(1, 'holds no case') });
  const parsed = isList ? listSchema.safeParse(value) : caseSchema.safeParse(value);
  if (!parsed.success) {
    const hint = isList ? '' : ' (a file holds one case with params and inputs, or {"cases": [...]})';
    throw new DatasetParseError({ file, message: `${describeIssues(parsed.error, '')}${hint}` });
  }
  const rawCases = 'cases' in parsed.data ? parsed.data.cases : [parsed.data];
  const cases = rawCases.map(toCase);
  const seen = new Set<string>();
  for (const testCase of cases) {
    if (seen.has(testCase.id))
      throw new DatasetParseError({ file, message: `two cases have the id '${testCase.id}'` });
    seen.add(testCase.id);
  }
  const tolerance = isList
    ? toleranceSchema.safeParse((value as { tolerance?: unknown }).tolerance)
    : { success: false as const };
  return { cases, tolerance: tolerance.success ? tolerance.data : defaultRpoTolerance };
}

const parameterNames = new Set(['beta', 'alpha', 'labelSmoothing', 'referenceFree']);
const tokenNames = new Set([
  'chosenMask',
  'rejectedMask',
  'policyChosenTokenLogps',
  'policyRejectedTokenLogps',
  'referenceChosenTokenLogps',
  'referenceRejectedTokenLogps',
]);

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** `policyChosenTokenLogps[0][3]` → `inputs.token_level.policy_chosen_token_logps[0][3]`: the file's own names. */
function fileField(field: string, form: 'token' | 'sequence'): string {
  const name = field.replace(/\[.*$/, '');
  const rest = field.slice(name.length);
  if (parameterNames.has(name)) return `params.${snakeCase(name)}${rest}`;
  if (name === 'inputs') return field;
  if (tokenNames.has(name)) return `inputs.token_level.${snakeCase(name)}${rest}`;
  // A per-sequence field while computing from tokens: the sums made from token_level.
  if (form === 'token') return `the sum of inputs.token_level for ${snakeCase(name)}${rest}`;
  return `inputs.sequence_level.${snakeCase(name)}${rest}`;
}

function withCaseContext<T>(id: string, form: 'token' | 'sequence', compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (!RpoInputError.isInstance(error)) throw error;
    throw new RpoInputError({
      field: `case '${id}': ${fileField(error.field, form)}`,
      problem: error.problem,
    });
  }
}

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** A file that gives both forms must give the same pairs in both; a mismatch means one of them is wrong. */
function checkFormsAgree(testCase: RpoLossCase, fromTokens: SequenceLogps): void {
  const given = testCase.sequenceLevel as SequenceLogps;
  for (const key of Object.keys(fromTokens) as (keyof SequenceLogps)[]) {
    const expected = fromTokens[key];
    const actual = given[key];
    expected.forEach((value, index) => {
      const other = actual[index];
      if (actual.length !== expected.length || other === undefined || !sameNumber(value, other)) {
        throw new RpoInputError({
          field: `case '${testCase.id}': inputs.sequence_level.${snakeCase(key)}[${index}]`,
          problem: `is ${other} but token_level gives ${value}; the two input forms disagree`,
        });
      }
    });
  }
}

/**
 * Computes one case from the chosen input form (`auto`: per-token when present, checking that a per-sequence form
 * given beside it agrees). Invalid values fail with `RpoInputError` naming the case and the file's field.
 */
export function computeRpoLossCase(testCase: RpoLossCase, form: RpoInputForm = 'auto'): RpoLossCaseOutput {
  const use: 'token' | 'sequence' =
    form === 'auto' ? (testCase.tokenLevel !== undefined ? 'token' : 'sequence') : form;
  const inputs = use === 'token' ? testCase.tokenLevel : testCase.sequenceLevel;
  if (inputs === undefined) {
    throw new RpoInputError({
      field: `case '${testCase.id}': inputs.${use}_level`,
      problem: `is missing; the case gives only ${use === 'token' ? 'sequence_level' : 'token_level'}`,
    });
  }
  const result = withCaseContext(testCase.id, use, () => {
    if (form === 'auto' && use === 'token' && testCase.sequenceLevel !== undefined) {
      checkFormsAgree(testCase, sequenceLogpsFromTokens(testCase.tokenLevel as TokenLogps));
    }
    return rpoLoss(inputs, testCase.parameters);
  });
  const { perExample } = result;
  return {
    id: testCase.id,
    loss: result.loss,
    dpo_loss: result.dpoLoss,
    nll_loss: result.nllLoss,
    nll_loss_sequence_mean: result.nllLossSequenceMean,
    loss_with_sequence_mean_nll: result.lossWithSequenceMeanNll,
    metrics: { ...result.metrics },
    per_example: {
      logits: perExample.logits,
      dpo_losses: perExample.dpoLosses,
      chosen_rewards: perExample.chosenRewards,
      rejected_rewards: perExample.rejectedRewards,
      margins: perExample.margins,
      accuracies: perExample.accuracies,
    },
  };
}

/** Whether `got` is within tolerance of `expected`: |got − expected| ≤ max(absolute, relative·|expected|). */
export function withinRpoTolerance(got: number, expected: number, tolerance: RpoTolerance): boolean {
  return Math.abs(got - expected) <= Math.max(tolerance.absolute, tolerance.relative * Math.abs(expected));
}

/**
 * Compares a computed case with the file's `expected` outputs: every number in `expected` must be matched within
 * tolerance. Returns the values that are not (empty when the case passes).
 */
export function compareRpoLossOutput(
  output: RpoLossCaseOutput,
  expected: unknown,
  tolerance: RpoTolerance = defaultRpoTolerance,
): RpoMismatch[] {
  const mismatches: RpoMismatch[] = [];
  const walk = (want: unknown, got: unknown, path: string) => {
    if (typeof want === 'number') {
      const value = typeof got === 'number' ? got : undefined;
      if (value === undefined || !withinRpoTolerance(value, want, tolerance))
        mismatches.push({ path, expected: want, got: value });
    } else if (Array.isArray(want)) {
      want.forEach((entry, index) => {
        walk(entry, Array.isArray(got) ? got[index] : undefined, `${path}[${index}]`);
      });
    } else if (typeof want === 'object' && want !== null) {
      for (const [key, entry] of Object.entries(want)) {
        const next =
          typeof got === 'object' && got !== null ? (got as Record<string, unknown>)[key] : undefined;
        walk(entry, next, path === '' ? key : `${path}.${key}`);
      }
    }
  };
  walk(expected, output, '');
  return mismatches;
}
