import path from 'node:path';
import {
  buildPreferenceData,
  defaultEvalExams,
  type EvalOverlap,
  EvalOverlapError,
  findEvalOverlap,
  type Item,
  type PairingStrategy,
  type PreferenceData,
  type PreferenceDataOptions,
  type PreferenceQuestionInput,
  type PreferenceResponse,
  pairingStrategies,
  type TrlPreferenceFormat,
  trlPreferenceFormats,
  trlPreferenceJsonl,
} from '@kensa/core';
import {
  preferenceSidecarPath,
  type RunFolder,
  type RunManifest,
  type RunRecord,
  readRun,
  sha256Hex,
  withRecordedChecksums,
  writePreferenceData,
} from '@kensa/runner';
import Table from 'cli-table3';
import { benchmarkOfRun } from './benchmark-options';
import { parseEvalExams } from './eval-exams-option';
import { exitCodes } from './exit-codes';
import { type ExplanationEntry, readExplanationFile } from './explanation-file';
import type { Io } from './io';
import { loadSources, recordedDataDir } from './load-sources';
import { parseNumberOption } from './parse-number-option';
import { loadRegistry } from './plugin-loader';
import { UsageError } from './usage-error';
import { KENSA_VERSION } from './version';

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

/** The prompt mode whose replies carry explanations, as the seed's RPO data did. */
const explainMode = '3shot-explain';

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

function readRuns(runDirs: readonly string[], io: Io): RunFolder<RunManifest>[] {
  const runs = runDirs.map((directory) => readRun<RunManifest>(path.resolve(io.cwd, directory)));
  for (const run of runs) {
    if (run.manifest.kind !== 'eval') {
      throw new UsageError(
        `${run.directory} is a '${run.manifest.kind}' run: it holds scored predictions, not model replies. Build from runs of 'kensa eval … --mode ${explainMode} --samples K'.`,
      );
    }
  }
  const [first] = runs;
  if (first === undefined) throw new UsageError('Give at least one run folder.');
  for (const run of runs.slice(1)) {
    for (const key of ['benchmark', 'template'] as const) {
      if (run.manifest[key] !== first.manifest[key]) {
        throw new UsageError(
          `Runs differ in ${key}: ${first.directory} has '${first.manifest[key]}', ${run.directory} has '${run.manifest[key]}'. Pairs need one prompt per question; build them separately.`,
        );
      }
    }
  }
  return runs;
}

/** The samples of every question the runs answered, in benchmark order, with one prompt per question. */
function collectQuestions(
  runs: readonly RunFolder<RunManifest>[],
  items: readonly Item[],
  explanations: ReadonlyMap<string, ExplanationEntry>,
  useGroundTruth: boolean,
): PreferenceQuestionInput[] {
  const known = new Set(items.map((item) => item.id));
  const byItem = new Map<string, { run: number; record: RunRecord }[]>();
  runs.forEach((run, runIndex) => {
    for (const record of run.records) {
      if (!known.has(record.itemId)) {
        throw new UsageError(
          `${run.directory} answered '${record.itemId}', which benchmark ${run.manifest.benchmark} (version ${run.manifest.benchmarkVersion}) does not have. Is --data-dir (or --plugin) the data the run used?`,
        );
      }
      const list = byItem.get(record.itemId) ?? [];
      list.push({ run: runIndex, record });
      byItem.set(record.itemId, list);
    }
  });

  const questions: PreferenceQuestionInput[] = [];
  for (const item of items) {
    const entries = (byItem.get(item.id) ?? []).sort(
      (a, b) => a.run - b.run || a.record.sample - b.record.sample,
    );
    if (entries.length === 0) continue;
    let prompt: RunRecord['messages'];
    let promptFrom = '';
    for (const { run, record } of entries) {
      if (record.messages === undefined) continue;
      if (prompt === undefined) {
        prompt = record.messages;
        promptFrom = runs[run]?.directory ?? '';
      } else if (JSON.stringify(prompt) !== JSON.stringify(record.messages)) {
        throw new UsageError(
          `${item.id} was asked with different prompts in ${promptFrom} and ${runs[run]?.directory}; pairs need one prompt per question.`,
        );
      }
    }
    const answered = entries.filter(({ record }) => record.status === 'ok' && record.reply !== undefined);
    if (prompt === undefined) {
      if (answered.length === 0) continue;
      throw new UsageError(
        `${runs[entries[0]?.run ?? 0]?.directory}: ${item.id} has no rendered prompt in the log; it was not written by 'kensa eval'.`,
      );
    }
    const fromFile = explanations.get(item.id);
    const explanation = !useGroundTruth
      ? undefined
      : fromFile !== undefined
        ? { text: fromFile.explanation, source: 'file' as const }
        : item.explanation !== undefined && item.explanation.trim() !== ''
          ? { text: item.explanation, source: 'item' as const }
          : undefined;
    questions.push({
      item,
      prompt,
      samples: answered.map(({ run, record }) => ({
        run,
        sample: record.sample,
        text: record.reply?.text ?? '',
        ...(record.verdict === undefined ? {} : { loggedVerdict: record.verdict }),
      })),
      failedSamples: entries.length - answered.length,
      ...(explanation === undefined ? {} : { explanation }),
    });
  }
  return questions;
}

function describeResponse(response: PreferenceResponse) {
  return response.origin.kind === 'sample'
    ? { tier: response.tier, run: response.origin.run, sample: response.origin.sample }
    : { tier: response.tier, explanation: response.origin.explanation };
}

const overlapCount = (overlap: readonly EvalOverlap[]) =>
  overlap.reduce((total, entry) => total + entry.itemIds.length, 0);

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

  const runs = readRuns(runDirs, io);
  const first = runs[0] as RunFolder<RunManifest>;
  const registry = await loadRegistry(options.plugin, io.cwd);
  const benchmark = benchmarkOfRun(registry, first.manifest, runDirs[0] ?? '');
  for (const run of runs) {
    if (run.manifest.benchmarkVersion !== benchmark.version)
      log(
        `kensa: warning: ${run.directory} was run with ${benchmark.id} version ${run.manifest.benchmarkVersion}; re-scoring with version ${benchmark.version}.`,
      );
    if (run.manifest.mode !== explainMode)
      log(
        `kensa: warning: ${run.directory} ran in mode '${run.manifest.mode}', not '${explainMode}': its replies carry no explanations, unlike the seed's RPO data.`,
      );
  }
  // Without --data-dir, the mirror the first run recorded (see `sources` in its manifest).
  const recordedDir = options.dataDir ?? io.env.KENSA_DATA_DIR ?? recordedDataDir(first.manifest.sources);
  const contents =
    benchmark.sources.length === 0
      ? new Map<string, string>()
      : await loadSources(withRecordedChecksums(benchmark.sources, first.manifest.sources), {
          ...(recordedDir === undefined ? {} : { dataDir: recordedDir }),
          env: io.env,
          log,
        });
  const items = benchmark.parse(contents);
  const explanationsFile =
    options.explanations === undefined ? undefined : path.resolve(io.cwd, options.explanations);
  const explanations = explanationsFile === undefined ? new Map() : readExplanationFile(explanationsFile);
  const useGroundTruth = options.groundTruth !== false;
  const questions = collectQuestions(runs, items, explanations, useGroundTruth);

  const buildOptions: PreferenceDataOptions = {
    strategy,
    ...(maxPairsPerQuestion === undefined ? {} : { maxPairsPerQuestion }),
    groundTruthVsChosen: options.groundTruthVsChosen !== false,
    seed,
    groundTruth: useGroundTruth,
    keepDuplicates: options.keepDuplicates === true,
  };
  let data = buildPreferenceData(questions, buildOptions);
  const withPairs = new Set(
    data.questions.filter((outcome) => outcome.pairs > 0).map((outcome) => outcome.itemId),
  );
  const overlap = findEvalOverlap(
    items.filter((item) => withPairs.has(item.id)),
    evalExams,
  );
  let contaminationAction: 'none' | 'allowed' | 'excluded' = 'none';
  if (overlap.length > 0) {
    const count = overlapCount(overlap);
    const exams = overlap.map((entry) => `${entry.exam}th (${entry.itemIds.length})`).join(', ');
    if (options.excludeEvalOverlap) {
      contaminationAction = 'excluded';
      const reasons = new Map(
        overlap.flatMap((entry) =>
          entry.itemIds.map(
            (id) => [id, `exam ${entry.exam} is used for evaluation (--exclude-eval-overlap)`] as const,
          ),
        ),
      );
      data = buildPreferenceData(questions, { ...buildOptions, exclude: reasons });
      log(`kensa: left out ${count} question(s) from evaluation exams: ${exams}.`);
    } else if (options.allowEvalOverlap) {
      contaminationAction = 'allowed';
      loudWarning(io, [
        `--allow-eval-overlap: ${count} question(s) in these pairs come from exams used for evaluation: ${exams}.`,
        'A model trained on them has seen those evaluation questions. Its scores on these exams measure memory, not',
        'competence: do not report them, or evaluate it on other exams (--eval-exams lists the ones you evaluate on).',
      ]);
    } else {
      throw new EvalOverlapError({
        overlap,
        evalExams,
        hint: 'Nothing was written. Pass --exclude-eval-overlap to leave those questions out, or --allow-eval-overlap to export them anyway (and never report scores on those exams for the trained model).',
      });
    }
  }

  for (const outcome of data.questions) {
    for (const disagreement of outcome.disagreements) {
      log(
        `kensa: warning: ${outcome.itemId}#${disagreement.sample} (${runs[disagreement.run]?.directory}) was logged '${disagreement.logged}' but re-scores '${disagreement.rescored}'; using '${disagreement.rescored}'.`,
      );
    }
  }

  const out = path.resolve(io.cwd, options.out);
  const sidecarPath =
    options.sidecar === undefined ? preferenceSidecarPath(out) : path.resolve(io.cwd, options.sidecar);
  const jsonl = trlPreferenceJsonl(data.pairs, format);
  const usedExplanations = new Set(
    data.questions.filter((outcome) => outcome.groundTruth === 'file').map((outcome) => outcome.itemId),
  );
  const templates = [...new Set(runs.map((run) => run.manifest.template))];
  const sidecar = {
    kind: 'kensa-rpo-preference-data',
    formatVersion: 1,
    dataset: {
      file: path.basename(out),
      format,
      columns: ['prompt', 'chosen', 'rejected'],
      trl: `DPOTrainer preference dataset, ${format} format, explicit prompt`,
      pairs: data.pairs.length,
      sha256: sha256Hex(Buffer.from(jsonl)),
    },
    kensa: { '@kensa/core': KENSA_VERSION },
    benchmark: { id: benchmark.id, version: benchmark.version },
    runs: runs.map((run) => ({
      dir: run.directory,
      model: run.manifest.model,
      endpoint: run.manifest.endpoint,
      mode: run.manifest.mode,
      template: run.manifest.template,
      benchmarkVersion: run.manifest.benchmarkVersion,
      samples: run.manifest.samples,
      sampling: run.manifest.sampling,
      items: run.manifest.items,
      records: run.records.length,
      startedAt: run.manifest.startedAt,
      ...(run.manifest.finishedAt === undefined ? {} : { finishedAt: run.manifest.finishedAt }),
    })),
    models: [...new Set(runs.map((run) => run.manifest.model))],
    mode: first.manifest.mode,
    template: templates[0],
    templateVersion: templates[0]?.split('/').at(-1),
    options: {
      strategy,
      maxPairsPerQuestion: maxPairsPerQuestion ?? null,
      groundTruth: useGroundTruth,
      groundTruthVsChosen: buildOptions.groundTruthVsChosen,
      keepDuplicates: buildOptions.keepDuplicates,
      seed,
      explanations: explanationsFile ?? null,
    },
    contamination: {
      evalExams,
      defaultEvalExams,
      overridden: evalExamsOverridden,
      overlap,
      action: contaminationAction,
    },
    counts: data.counts,
    groundTruth: {
      fromItems: data.questions.filter((outcome) => outcome.groundTruth === 'item').length,
      fromFile: usedExplanations.size,
      explanationsInFile: explanations.size,
      explanationsUnused: [...explanations.keys()].filter((id) => !usedExplanations.has(id)).length,
      rejected: data.questions
        .filter((outcome) => outcome.groundTruthRejected !== undefined)
        .map((outcome) => ({ itemId: outcome.itemId, reason: outcome.groundTruthRejected })),
    },
    verdictDisagreements: data.questions.flatMap((outcome) =>
      outcome.disagreements.map((disagreement) => ({ itemId: outcome.itemId, ...disagreement })),
    ),
    pairsPerQuestion: Object.fromEntries(data.questions.map((outcome) => [outcome.itemId, outcome.pairs])),
    questionsWithoutPair: data.questions
      .filter((outcome) => outcome.noPair !== undefined)
      .map((outcome) => ({
        itemId: outcome.itemId,
        code: outcome.noPair?.code,
        reason: outcome.noPair?.message,
      })),
    pairs: data.pairs.map((pair, index) => ({
      line: index + 1,
      itemId: pair.itemId,
      kind: pair.kind,
      chosen: describeResponse(pair.preferred),
      rejected: describeResponse(pair.dispreferred),
    })),
  };
  const written = await writePreferenceData({ out, jsonl, sidecar, sidecarPath });

  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        {
          out: written.out,
          sidecar: written.sidecar,
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
    const models = sidecar.models.join(', ');
    const title = `Preference pairs for TRL (${format} format) from ${runs.length} run${runs.length === 1 ? '' : 's'} of ${benchmark.id}: ${models}, ${first.manifest.mode} (${first.manifest.template})`;
    io.stdout(renderSummary(data, title));
    io.stdout(`Wrote ${data.pairs.length} pairs to ${written.out}\nProvenance: ${written.sidecar}\n`);
    io.stdout(`TRL settings: kensa rpo config${data.pairs.length > 0 ? ` --data ${options.out}` : ''}\n`);
  }
  if (data.pairs.length === 0) {
    log('kensa: no pair could be built; see questionsWithoutPair in the provenance file.');
    return exitCodes.failures;
  }
  return exitCodes.success;
}
