import path from 'node:path';
import {
  type Benchmark,
  buildPreferenceData,
  VERSION as CORE_VERSION,
  collectPreferenceQuestions,
  defaultEvalExams,
  type EvalOverlap,
  EvalOverlapError,
  findEvalOverlap,
  type PairingStrategy,
  type PreferenceData,
  type PreferenceDataOptions,
  PreferenceInputError,
  type PreferenceResponse,
  type Registry,
  type TrlPreferenceFormat,
  trlPreferenceJsonl,
} from '@kensa/core';
import { readExplanationFile } from './explanation-file';
import { loadSources, recordedDataDir, type SourceOptions } from './load-sources';
import { type RunFolder, readRun } from './read-run';
import type { RunManifest } from './run-manifest';
import { withRecordedChecksums } from './run-sources';
import { sha256Hex } from './sha256';
import { preferenceSidecarPath, writePreferenceData } from './write-preference-data';

/** The prompt mode whose replies carry explanations, as the seed's RPO data did. */
export const explainMode = '3shot-explain';

/** What to do with pairs on questions from exams used for evaluation (the contamination guard). */
export type EvalOverlapPolicy = 'refuse' | 'exclude' | 'allow';

export interface BuildPreferenceDatasetOptions extends SourceOptions {
  /** Run folders of `kensa eval … --mode 3shot-explain --samples K`, all of one benchmark and prompt. */
  readonly runDirs: readonly string[];
  /** Where the runs' benchmark is found by id. */
  readonly registry: Registry;
  /**
   * The benchmark a run folder was made with, e.g. rebuilt with the `-T` options its manifest records; by
   * default the registry's benchmark of the manifest's id.
   */
  readonly benchmarkOfRun?: (manifest: RunManifest, directory: string) => Benchmark;
  /** The JSONL dataset to write. */
  readonly out: string;
  /** Where to write the provenance JSON; beside `out` (`.provenance.json`) by default. */
  readonly sidecarPath?: string;
  readonly format?: TrlPreferenceFormat;
  readonly strategy?: PairingStrategy;
  readonly maxPairsPerQuestion?: number;
  readonly groundTruthVsChosen?: boolean;
  /** Seed of the capped pick; 0 by default. */
  readonly seed?: number;
  readonly groundTruth?: boolean;
  readonly keepDuplicates?: boolean;
  /** Exams used for evaluation (exam numbers); IgakuQA 2018–2022 (112–116) by default. */
  readonly evalExams?: readonly string[];
  /** `refuse` (the default) throws `EvalOverlapError` and writes nothing. */
  readonly evalOverlap?: EvalOverlapPolicy;
  /** A JSONL file `{"problem_id", "explanation"}` for ground-truth responses. */
  readonly explanationsFile?: string;
  /** Warnings (a run of another benchmark version, another mode, a logged verdict that re-scores differently). */
  readonly warn?: (message: string) => void;
}

export interface PreferenceDatasetResult {
  readonly out: string;
  readonly sidecar: string;
  readonly format: TrlPreferenceFormat;
  readonly benchmark: { readonly id: string; readonly version: string };
  readonly runs: readonly RunFolder<RunManifest>[];
  readonly data: PreferenceData;
  /** The provenance document written beside the dataset. */
  readonly provenance: ReturnType<typeof provenanceDocument>;
  /** Questions from evaluation exams among the pairs, and what was done about them. */
  readonly overlap: readonly EvalOverlap[];
  readonly contaminationAction: 'none' | 'allowed' | 'excluded';
}

/** Reads the runs of a preference build: model runs (not scored predictions) of one benchmark and template. */
export function readPreferenceRuns(runDirs: readonly string[]): RunFolder<RunManifest>[] {
  const runs = runDirs.map((directory) => readRun<RunManifest>(directory));
  for (const run of runs) {
    if (run.manifest.kind !== 'eval') {
      throw new PreferenceInputError(
        `${run.directory} is a '${run.manifest.kind}' run: it holds scored predictions, not model replies. Build from runs of 'kensa eval … --mode ${explainMode} --samples K'.`,
      );
    }
  }
  const [first] = runs;
  if (first === undefined) throw new PreferenceInputError('Give at least one run folder.');
  for (const run of runs.slice(1)) {
    for (const key of ['benchmark', 'template'] as const) {
      if (run.manifest[key] !== first.manifest[key]) {
        throw new PreferenceInputError(
          `Runs differ in ${key}: ${first.directory} has '${first.manifest[key]}', ${run.directory} has '${run.manifest[key]}'. Pairs need one prompt per question; build them separately.`,
        );
      }
    }
  }
  return runs;
}

function describeResponse(response: PreferenceResponse) {
  return response.origin.kind === 'sample'
    ? { tier: response.tier, run: response.origin.run, sample: response.origin.sample }
    : { tier: response.tier, explanation: response.origin.explanation };
}

interface ProvenanceInput {
  readonly out: string;
  readonly format: TrlPreferenceFormat;
  readonly jsonl: string;
  readonly benchmark: { readonly id: string; readonly version: string };
  readonly runs: readonly RunFolder<RunManifest>[];
  readonly data: PreferenceData;
  readonly buildOptions: PreferenceDataOptions;
  readonly options: BuildPreferenceDatasetOptions;
  readonly explanations: ReadonlyMap<string, unknown>;
  readonly evalExams: readonly string[];
  readonly overlap: readonly EvalOverlap[];
  readonly contaminationAction: 'none' | 'allowed' | 'excluded';
}

/** The provenance sidecar: where every pair came from, with the options and the contamination check. */
function provenanceDocument(input: ProvenanceInput) {
  const { out, format, jsonl, benchmark, runs, data, buildOptions, options, explanations, overlap } = input;
  const first = runs[0] as RunFolder<RunManifest>;
  const { strategy, seed } = buildOptions;
  const maxPairsPerQuestion = buildOptions.maxPairsPerQuestion;
  const useGroundTruth = buildOptions.groundTruth;
  const evalExams = [...input.evalExams];
  const evalExamsOverridden = evalExams.join(',') !== defaultEvalExams.join(',');
  const contaminationAction = input.contaminationAction;
  const usedExplanations = new Set(
    data.questions.filter((outcome) => outcome.groundTruth === 'file').map((outcome) => outcome.itemId),
  );
  const templates = [...new Set(runs.map((run) => run.manifest.template))];
  return {
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
    kensa: { '@kensa/core': CORE_VERSION },
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
      explanations: options.explanationsFile ?? null,
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
}

/**
 * Turns `kensa eval --mode 3shot-explain --samples K` runs into TRL preference pairs (ground truth > chosen >
 * rejected), re-scored with the benchmark's current rules; refuses questions from evaluation exams unless told
 * otherwise, and writes the JSONL dataset with a provenance sidecar (what `kensa rpo build` does).
 */
export async function buildPreferenceDataset(
  options: BuildPreferenceDatasetOptions,
): Promise<PreferenceDatasetResult> {
  const warn = options.warn ?? (() => {});
  const format = options.format ?? 'standard';
  const evalExams = options.evalExams === undefined ? [...defaultEvalExams] : [...options.evalExams];
  const runs = readPreferenceRuns(options.runDirs);
  const first = runs[0] as RunFolder<RunManifest>;
  const benchmark =
    options.benchmarkOfRun?.(first.manifest, first.directory) ??
    options.registry.get(first.manifest.benchmark);
  for (const run of runs) {
    if (run.manifest.benchmarkVersion !== benchmark.version)
      warn(
        `${run.directory} was run with ${benchmark.id} version ${run.manifest.benchmarkVersion}; re-scoring with version ${benchmark.version}.`,
      );
    if (run.manifest.mode !== explainMode)
      warn(
        `${run.directory} ran in mode '${run.manifest.mode}', not '${explainMode}': its replies carry no explanations, unlike the seed's RPO data.`,
      );
  }
  const dataDir = options.dataDir ?? options.env?.KENSA_DATA_DIR ?? recordedDataDir(first.manifest.sources);
  const contents =
    benchmark.sources.length === 0
      ? new Map<string, string>()
      : // Without a data dir, the mirror the first run recorded (see `sources` in its manifest), checked against
        // the checksums recorded there.
        await loadSources(withRecordedChecksums(benchmark.sources, first.manifest.sources), {
          ...options,
          ...(dataDir === undefined ? {} : { dataDir }),
        });
  const items = benchmark.parse(contents);
  const explanations =
    options.explanationsFile === undefined ? new Map() : readExplanationFile(options.explanationsFile);
  const useGroundTruth = options.groundTruth !== false;
  const questions = collectPreferenceQuestions(
    runs.map((run) => ({
      directory: run.directory,
      benchmark: run.manifest.benchmark,
      benchmarkVersion: run.manifest.benchmarkVersion,
      records: run.records,
    })),
    items,
    { explanations, groundTruth: useGroundTruth },
  );

  const buildOptions: PreferenceDataOptions = {
    strategy: options.strategy ?? 'all',
    ...(options.maxPairsPerQuestion === undefined
      ? {}
      : { maxPairsPerQuestion: options.maxPairsPerQuestion }),
    groundTruthVsChosen: options.groundTruthVsChosen !== false,
    seed: options.seed ?? 0,
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
    const policy = options.evalOverlap ?? 'refuse';
    if (policy === 'exclude') {
      contaminationAction = 'excluded';
      const reasons = new Map(
        overlap.flatMap((entry) =>
          entry.itemIds.map(
            (id) => [id, `exam ${entry.exam} is used for evaluation (--exclude-eval-overlap)`] as const,
          ),
        ),
      );
      data = buildPreferenceData(questions, { ...buildOptions, exclude: reasons });
    } else if (policy === 'allow') {
      contaminationAction = 'allowed';
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
      warn(
        `${outcome.itemId}#${disagreement.sample} (${runs[disagreement.run]?.directory}) was logged '${disagreement.logged}' but re-scores '${disagreement.rescored}'; using '${disagreement.rescored}'.`,
      );
    }
  }

  const out = options.out;
  const sidecarPath = options.sidecarPath ?? preferenceSidecarPath(out);
  const jsonl = trlPreferenceJsonl(data.pairs, format);
  const provenance = provenanceDocument({
    out,
    format,
    jsonl,
    benchmark,
    runs,
    data,
    buildOptions,
    options,
    explanations,
    evalExams,
    overlap,
    contaminationAction,
  });
  const written = await writePreferenceData({ out, jsonl, sidecar: provenance, sidecarPath });
  return {
    out: written.out,
    sidecar: written.sidecar,
    format,
    benchmark: { id: benchmark.id, version: benchmark.version },
    runs,
    data,
    provenance,
    overlap,
    contaminationAction,
  };
}

/** How many questions the guard found, for messages. */
export function evalOverlapCount(overlap: readonly EvalOverlap[]): number {
  return overlap.reduce((total, entry) => total + entry.itemIds.length, 0);
}
