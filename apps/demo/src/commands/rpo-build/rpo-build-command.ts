import path from 'node:path';
import {
  defaultEvalExams,
  type PairingStrategy,
  type PreferenceData,
  pairingStrategies,
  type TrlPreferenceFormat,
  trlPreferenceFormats,
} from '@kensa/core';
import { benchmarkOfRun } from '@kensa/report';
import { buildPreferenceDataset, evalOverlapCount } from '@kensa/runner';
import Table from 'cli-table3';
import { exitCodes } from '../../exit-codes';
import type { Io } from '../../io';
import { parseNumberOption } from '../../parse-number-option';
import { loadRegistry } from '../../plugin-loader';
import { UsageError } from '../../usage-error';
import { parseEvalExams } from './eval-exams-option';

export interface RpoBuildOptions {
  readonly out?: string;
  readonly format?: string;
  readonly allowEvalOverlap?: boolean;
  readonly excludeEvalOverlap?: boolean;
  readonly evalExams?: string;
  readonly explanations?: string;
  /** `--no-ground-truth` sets false. */
  readonly groundTruth?: boolean;
  readonly strategy?: string;
  readonly maxPairsPerQuestion?: string;
  /** `--no-ground-truth-vs-chosen` sets false. */
  readonly groundTruthVsChosen?: boolean;
  readonly seed?: string;
  readonly keepDuplicates?: boolean;
  readonly sidecar?: string;
  readonly dataDir?: string;
  readonly plugin?: readonly string[];
  readonly json?: boolean;
}

const tierLabels = {
  'ground-truth': 'ground truth',
  chosen: 'chosen (answer matches the key)',
  rejected: 'rejected (wrong or unreadable)',
} as const;

const kindLabels = {
  'ground-truth>chosen': 'ground truth > chosen',
  'ground-truth>rejected': 'ground truth > rejected',
  'chosen>rejected': 'chosen > rejected',
} as const;

function checkChoice<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} must be ${allowed.join(' or ')}, not '${value}'.`);
  return value as T;
}

function loudWarning(io: Io, lines: readonly string[]): void {
  const bar = '!'.repeat(100);
  io.stderr(`${bar}\n${lines.map((line) => `!!! ${line}`).join('\n')}\n${bar}\n`);
}

function renderSummary(data: PreferenceData, title: string): string {
  const { counts } = data;
  const table = new Table({
    head: ['', 'count'],
    style: { head: [], border: [] },
    colAligns: ['left', 'right'],
    // One line per row: the rows are a short list, not a grid.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  const noPairLabels: Record<string, string> = {
    ruling: 'ruled out of scoring (excluded, correct for everyone, …)',
    'no-answers': 'no sample answered',
    'all-correct-no-ground-truth': 'every sample correct, no ground truth',
    'all-wrong-no-ground-truth': 'no sample correct, no ground truth',
    'ground-truth-vs-chosen-dropped': 'only ground truth vs chosen, dropped',
    excluded: 'left out: exam used for evaluation',
  };
  table.push(['questions', String(counts.questions)]);
  table.push(['  with pairs', String(counts.questionsWithPairs)]);
  for (const [code, count] of Object.entries(counts.noPair))
    table.push([`  no pair: ${noPairLabels[code] ?? code}`, String(count)]);
  table.push(['samples answered', String(counts.samples)]);
  if (counts.failedSamples > 0) table.push(['  failed (no reply)', String(counts.failedSamples)]);
  for (const [tier, label] of Object.entries(tierLabels))
    table.push([label, String(counts.tiers[tier as keyof typeof tierLabels])]);
  if (counts.duplicatesDropped > 0)
    table.push(['  duplicate texts left out', String(counts.duplicatesDropped)]);
  table.push(['pairs', String(counts.pairs)]);
  for (const [kind, label] of Object.entries(kindLabels))
    table.push([`  ${label}`, String(counts.pairsByKind[kind as keyof typeof kindLabels])]);
  return `${title}\n${table.toString()}\n`;
}

/**
 * `kensa rpo build`: turns `kensa eval --mode 3shot-explain --samples K` runs into TRL preference pairs (ground
 * truth > chosen > rejected), refusing questions from evaluation exams unless told otherwise, and writes the JSONL
 * with a provenance sidecar.
 */
export async function rpoBuildCommand(
  runDirs: readonly string[],
  options: RpoBuildOptions,
  io: Io,
): Promise<number> {
  if (options.out === undefined) throw new UsageError('--out FILE is required (the JSONL dataset to write).');
  const format = checkChoice<TrlPreferenceFormat>(
    '--format',
    options.format,
    trlPreferenceFormats,
    'standard',
  );
  const strategy = checkChoice<PairingStrategy>('--strategy', options.strategy, pairingStrategies, 'all');
  const maxPairsPerQuestion = parseNumberOption('--max-pairs-per-question', options.maxPairsPerQuestion, {
    integer: true,
    min: 1,
  });
  const seed = parseNumberOption('--seed', options.seed, { integer: true, min: 0 }) ?? 0;
  if (options.allowEvalOverlap && options.excludeEvalOverlap)
    throw new UsageError('Give --allow-eval-overlap or --exclude-eval-overlap, not both.');
  const evalExams =
    options.evalExams === undefined ? [...defaultEvalExams] : parseEvalExams(options.evalExams);
  const evalExamsOverridden = evalExams.join(',') !== defaultEvalExams.join(',');
  const log = (message: string) => io.stderr(`${message}\n`);
  if (evalExamsOverridden) {
    const unchecked = defaultEvalExams.filter((exam) => !evalExams.includes(exam));
    loudWarning(io, [
      `--eval-exams ${options.evalExams}: the contamination guard now checks exams ${evalExams.join(', ') || '(none)'} instead of ${defaultEvalExams.join(', ')} (IgakuQA 2018–2022).`,
      unchecked.length > 0
        ? `Pairs from exams ${unchecked.join(', ')} will NOT be refused. Do not report IgakuQA scores on those exams for a model trained on them.`
        : 'Make sure every exam you evaluate on is in this list.',
    ]);
  }
  const registry = await loadRegistry(options.plugin, io.cwd);

  const built = await buildPreferenceDataset({
    runDirs: runDirs.map((directory) => path.resolve(io.cwd, directory)),
    registry,
    benchmarkOfRun: (manifest, directory) => benchmarkOfRun(registry, manifest, directory),
    out: path.resolve(io.cwd, options.out),
    ...(options.sidecar === undefined ? {} : { sidecarPath: path.resolve(io.cwd, options.sidecar) }),
    format,
    strategy,
    ...(maxPairsPerQuestion === undefined ? {} : { maxPairsPerQuestion }),
    groundTruthVsChosen: options.groundTruthVsChosen !== false,
    seed,
    groundTruth: options.groundTruth !== false,
    keepDuplicates: options.keepDuplicates === true,
    evalExams,
    evalOverlap: options.excludeEvalOverlap ? 'exclude' : options.allowEvalOverlap ? 'allow' : 'refuse',
    ...(options.explanations === undefined
      ? {}
      : { explanationsFile: path.resolve(io.cwd, options.explanations) }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    env: io.env,
    log,
    warn: (message) => log(`kensa: warning: ${message}`),
  });
  const { data, overlap, provenance: sidecar, runs } = built;
  if (overlap.length > 0) {
    const count = evalOverlapCount(overlap);
    const exams = overlap.map((entry) => `${entry.exam}th (${entry.itemIds.length})`).join(', ');
    if (built.contaminationAction === 'excluded')
      log(`kensa: left out ${count} question(s) from evaluation exams: ${exams}.`);
    else
      loudWarning(io, [
        `--allow-eval-overlap: ${count} question(s) in these pairs come from exams used for evaluation: ${exams}.`,
        'A model trained on them has seen those evaluation questions. Its scores on these exams measure memory, not',
        'competence: do not report them, or evaluate it on other exams (--eval-exams lists the ones you evaluate on).',
      ]);
  }

  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        {
          out: built.out,
          sidecar: built.sidecar,
          format,
          pairs: data.pairs.length,
          counts: data.counts,
          contamination: sidecar.contamination,
          questionsWithoutPair: sidecar.questionsWithoutPair,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const first = runs[0];
    const models = sidecar.models.join(', ');
    const title = `Preference pairs for TRL (${format} format) from ${runs.length} run${runs.length === 1 ? '' : 's'} of ${built.benchmark.id}: ${models}, ${first?.manifest.mode} (${first?.manifest.template})`;
    io.stdout(renderSummary(data, title));
    io.stdout(`Wrote ${data.pairs.length} pairs to ${built.out}\nProvenance: ${built.sidecar}\n`);
    io.stdout(`TRL settings: kensa rpo config${data.pairs.length > 0 ? ` --data ${options.out}` : ''}\n`);
  }
  if (data.pairs.length === 0) {
    log('kensa: no pair could be built; see questionsWithoutPair in the provenance file.');
    return exitCodes.failures;
  }
  return exitCodes.success;
}
