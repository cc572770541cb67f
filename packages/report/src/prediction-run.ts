import {
  type AccuracyBasis,
  type Benchmark,
  VERSION as CORE_VERSION,
  type ExamReport,
  type Item,
  type MatchMode,
  matchPredictions,
  type Prediction,
} from '@kensa/core';
import {
  type RecordedBenchmarkOptions,
  VERSION as RUNNER_VERSION,
  type RunRecord,
  type RunSources,
  type ScoreRunManifest,
  writeScoreRun,
} from '@kensa/runner';
import { type LoadedRun, runFromRecords } from './load-run';
import { scoreAnswers } from './score-answers';

/** Where scored predictions came from: the paper's published set, or files with their SHA-256. */
export interface PredictionProvenance {
  readonly published?: string;
  readonly files?: readonly { readonly path: string; readonly sha256: string }[];
}

/** Scores predictions (IgakuQA's format, parsed) exactly like the paper: exam points, pass/fail, 禁忌肢. */
export function scorePredictions(
  benchmark: Benchmark,
  items: readonly Item[],
  predictions: readonly Prediction[],
  match: MatchMode = benchmark.predictions?.match ?? 'exact',
  accuracyBasis: AccuracyBasis = 'all-questions',
): ExamReport {
  return scoreAnswers(benchmark, items, matchPredictions(items, predictions), match, accuracyBasis);
}

export interface WritePredictionRunOptions {
  readonly directory: string;
  readonly benchmark: Benchmark;
  readonly items: readonly Item[];
  readonly predictions: readonly Prediction[];
  /** The predictions' scores, from `scorePredictions`. */
  readonly report: ExamReport;
  readonly match: MatchMode;
  readonly provenance: PredictionProvenance;
  /** The summary to store (`summary.json`), e.g. the `--json` document. */
  readonly summary: unknown;
  /** Where the benchmark's data came from (`describeRunSources`), so later commands find it again. */
  readonly sources?: RunSources;
  /** The `-T` options the benchmark was built with. */
  readonly benchmarkOptions?: RecordedBenchmarkOptions;
}

/**
 * Writes scored predictions as a run folder (`kensa score --out`): a manifest, one log record per scored item and
 * the summary. Returns the run as `loadRun` would read it back, without scoring it again.
 */
export async function writePredictionRun(options: WritePredictionRunOptions): Promise<LoadedRun> {
  const { benchmark, report, match, provenance } = options;
  const explanations = new Map(
    options.predictions.map((prediction) => [prediction.itemId, prediction.explanation]),
  );
  const records: RunRecord[] = report.scores.map((score) => {
    const explanation = explanations.get(score.id);
    return {
      itemId: score.id,
      sample: 0,
      status: 'ok',
      ...(score.prediction === undefined ? {} : { reply: { text: score.prediction } }),
      ...(explanation === undefined ? {} : { explanation }),
      extracted: score.extracted ?? null,
      verdict: score.verdict,
      correct: score.correct,
    };
  });
  const now = new Date().toISOString();
  const manifest: ScoreRunManifest = {
    kind: 'score',
    formatVersion: 1,
    benchmark: benchmark.id,
    benchmarkVersion: benchmark.version,
    model: provenance.published ?? 'predictions',
    mode: 'predictions',
    match,
    predictions: provenance,
    ...(options.sources === undefined ? {} : { sources: options.sources }),
    ...(options.benchmarkOptions === undefined ? {} : { benchmarkOptions: options.benchmarkOptions }),
    packages: { '@kensa/core': CORE_VERSION, '@kensa/runner': RUNNER_VERSION },
    startedAt: now,
    finishedAt: now,
  };
  await writeScoreRun(options.directory, manifest, records, options.summary);
  return runFromRecords({
    directory: options.directory,
    manifest,
    benchmark,
    items: options.items,
    records,
    result: { kind: 'exam', report },
  });
}
