import path from 'node:path';
import {
  compareRuns,
  createItemLoader,
  loadRun,
  modeName,
  type PairedDifference,
  type RunComparison,
} from '@kensa/report';
import Table from 'cli-table3';
import { exitCodes } from '../../exit-codes';
import type { Io } from '../../io';
import { parseNumberOption } from '../../parse-number-option';
import { loadRegistry } from '../../plugin-loader';

export interface CompareOptions {
  readonly json?: boolean;
  readonly dataDir?: string;
  readonly seed?: string;
  readonly resamples?: string;
  readonly plugin?: readonly string[];
}

/** `3.1e-251` for p-values below what a double holds, else three significant digits. */
export function formatPValue(pValue: number, log10PValue: number): string {
  if (log10PValue >= -4) return pValue.toPrecision(3);
  const exponent = Math.floor(log10PValue);
  let mantissa = 10 ** (log10PValue - exponent);
  let shown = exponent;
  if (Number(mantissa.toFixed(1)) >= 10) {
    mantissa /= 10;
    shown += 1;
  }
  return `${mantissa.toFixed(1)}e${shown}`;
}

function signed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return value > 0 && Number(text) !== 0 ? `+${text}` : text;
}

function scoreRow(name: string, value: PairedDifference): string[] {
  const digits = [value.a, value.b].every(Number.isInteger) ? 0 : 1;
  return [
    name,
    value.a.toFixed(digits),
    value.b.toFixed(digits),
    signed(value.difference, digits),
    `${signed(value.ci95[0], 1)} to ${signed(value.ci95[1], 1)}`,
  ];
}

function idList(items: readonly { id: string }[], limit = 30): string {
  const shown = items.slice(0, limit).map((item) => item.id);
  const more = items.length > limit ? `, … (+${items.length - limit}; --json lists all)` : '';
  return `${shown.join(', ')}${more}`;
}

function renderComparison(comparison: RunComparison): string {
  const { a, b } = comparison;
  const lines = [
    `${comparison.benchmarkTitle}: ${comparison.shared} questions answered by both runs (${comparison.counted} counted in accuracy)`,
    `  A: ${a.label} · ${modeName(a.mode)}  (${a.directory})`,
    `  B: ${b.label} · ${modeName(b.mode)}  (${b.directory})`,
  ];
  if (comparison.onlyInA + comparison.onlyInB > 0)
    lines.push(`  Left out: ${comparison.onlyInA} answered only by A, ${comparison.onlyInB} only by B.`);
  const table = new Table({
    head: ['', 'A', 'B', 'A − B', '95% CI (paired bootstrap)'],
    style: { head: [], border: [] },
  });
  if (comparison.meanScore !== undefined) table.push(scoreRow('Mean score', comparison.meanScore));
  const accuracy = comparison.accuracy;
  table.push([
    'Accuracy',
    `${(accuracy.a * 100).toFixed(1)}%`,
    `${(accuracy.b * 100).toFixed(1)}%`,
    `${signed(accuracy.difference * 100, 1)} pts`,
    `${signed(accuracy.ci95[0] * 100, 1)} to ${signed(accuracy.ci95[1] * 100, 1)} pts`,
  ]);
  for (const exam of comparison.exams ?? []) table.push(scoreRow(`${exam.exam}th (/${exam.total})`, exam));
  lines.push(table.toString());
  const { mcnemar } = comparison;
  lines.push(
    `McNemar's exact test: A right & B wrong ${mcnemar.b}, B right & A wrong ${mcnemar.c}: p = ${formatPValue(mcnemar.pValue, mcnemar.log10PValue)}`,
  );
  lines.push(`A right, B wrong (${comparison.aOnly.length}): ${idList(comparison.aOnly)}`);
  lines.push(`B right, A wrong (${comparison.bOnly.length}): ${idList(comparison.bOnly)}`);
  const strata = comparison.bootstrap.strata === 'exam' ? ' within each exam' : '';
  lines.push(
    `Bootstrap: ${comparison.bootstrap.samples} resamples of the shared questions${strata}, seed ${comparison.bootstrap.seed}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** `kensa compare <run-a> <run-b>`: paired differences between two runs of one benchmark. */
export async function compareCommand(
  runA: string,
  runB: string,
  options: CompareOptions,
  io: Io,
): Promise<number> {
  const seed = parseNumberOption('--seed', options.seed, { integer: true, min: 0 });
  const samples = parseNumberOption('--resamples', options.resamples, { integer: true, min: 1 });
  const loadItems = createItemLoader({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    env: io.env,
    log: (message) => io.stderr(`${message}\n`),
  });
  const registry = await loadRegistry(options.plugin, io.cwd);
  const first = await loadRun(path.resolve(io.cwd, runA), { registry, loadItems });
  const second = await loadRun(path.resolve(io.cwd, runB), { registry, loadItems });
  for (const warning of [...first.warnings, ...second.warnings]) io.stderr(`kensa: warning: ${warning}\n`);
  const comparison = compareRuns(first, second, {
    ...(seed === undefined ? {} : { seed }),
    ...(samples === undefined ? {} : { samples }),
  });
  io.stdout(options.json ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparison(comparison));
  return exitCodes.success;
}
