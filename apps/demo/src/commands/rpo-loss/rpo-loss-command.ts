import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  compareRpoLossOutput,
  computeRpoLossCase,
  DatasetParseError,
  parseRpoLossFile,
  RpoInputError,
  type RpoInputForm,
  type RpoLossCaseOutput,
  type RpoMismatch,
} from '@kensa/core';
import Table from 'cli-table3';
import { exitCodes } from '../../exit-codes';
import type { Io } from '../../io';
import { UsageError } from '../../usage-error';

export interface RpoLossOptions {
  readonly input?: string;
  readonly form?: string;
  readonly json?: boolean;
}

const forms: readonly RpoInputForm[] = ['auto', 'token', 'sequence'];

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read --input ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DatasetParseError({ file, message: `not valid JSON (${(error as Error).message})` });
  }
}

function describeMismatches(id: string, mismatches: readonly RpoMismatch[]): string {
  const shown = mismatches
    .slice(0, 5)
    .map((mismatch) => `  ${mismatch.path}: expected ${mismatch.expected}, got ${mismatch.got ?? 'nothing'}`)
    .join('\n');
  const more = mismatches.length > 5 ? `\n  … and ${mismatches.length - 5} more` : '';
  return `case '${id}': ${mismatches.length} value(s) differ from expected:\n${shown}${more}\n`;
}

/**
 * `kensa rpo loss --input FILE`: computes the RPO loss of every case in a file of the test vectors' schema, and
 * checks it against the file's `expected` values where it has them (exit 1 when one is off).
 */
export function rpoLossCommand(options: RpoLossOptions, io: Io): number {
  if (options.input === undefined) throw new UsageError('--input FILE is required.');
  const form = (options.form ?? 'auto') as RpoInputForm;
  if (!forms.includes(form))
    throw new UsageError(`--form must be ${forms.join(', ')}, not '${options.form}'.`);
  const file = path.resolve(io.cwd, options.input);
  const parsed = parseRpoLossFile(readJson(file), options.input);
  const outputs: RpoLossCaseOutput[] = [];
  const checks: { id: string; mismatches: RpoMismatch[] }[] = [];
  for (const testCase of parsed.cases) {
    let output: RpoLossCaseOutput;
    try {
      output = computeRpoLossCase(testCase, form);
    } catch (error) {
      if (RpoInputError.isInstance(error))
        throw new RpoInputError({ field: `${options.input}: ${error.field}`, problem: error.problem });
      throw error;
    }
    outputs.push(output);
    if (testCase.expected !== undefined) {
      const mismatches = compareRpoLossOutput(output, testCase.expected, parsed.tolerance);
      checks.push({ id: testCase.id, mismatches });
    }
  }
  const failed = checks.filter((check) => check.mismatches.length > 0);

  if (options.json) {
    io.stdout(`${JSON.stringify({ cases: outputs }, null, 2)}\n`);
    for (const check of failed) io.stderr(describeMismatches(check.id, check.mismatches));
  } else {
    const table = new Table({
      head: [
        'case',
        'B',
        'loss',
        'dpo_loss',
        'nll_loss',
        'nll (per-seq mean)',
        'loss (per-seq NLL)',
        'acc',
        'expected',
      ],
      style: { head: [], border: [] },
    });
    for (const output of outputs) {
      const check = checks.find((entry) => entry.id === output.id);
      table.push([
        output.id,
        String(output.per_example.logits.length),
        String(output.loss),
        String(output.dpo_loss),
        String(output.nll_loss),
        String(output.nll_loss_sequence_mean),
        String(output.loss_with_sequence_mean_nll),
        String(output.metrics['rewards/accuracies']),
        check === undefined ? '–' : check.mismatches.length === 0 ? '✓' : `✗ ${check.mismatches.length} off`,
      ]);
    }
    io.stdout(`${table.toString()}\n`);
    if (checks.length > 0) {
      const tolerance = `max(${parsed.tolerance.absolute}, ${parsed.tolerance.relative}·|expected|)`;
      io.stdout(
        `${checks.length - failed.length}/${checks.length} case(s) match their expected values within ${tolerance}.\n`,
      );
    }
    for (const check of failed) io.stdout(describeMismatches(check.id, check.mismatches));
  }
  return failed.length > 0 ? exitCodes.failures : exitCodes.success;
}
