import path from 'node:path';
import {
  type Benchmark,
  type Item,
  type ItemScore,
  KensaError,
  type MatchMode,
  type Registry,
  skipImageQuestions,
} from '@kensa/core';
import {
  loadSources,
  type RunFolder,
  type RunManifestBase,
  type RunRecord,
  type RunSources,
  readRun,
  recordedDataDir,
  type SourceOptions,
  withRecordedChecksums,
} from '@kensa/runner';
import { benchmarkOfRun } from './benchmark-of-run';
import { type BenchmarkResult, scoreBenchmark } from './benchmark-result';
import { ReportInputError } from './report-error';

/** A run re-scored from its log: exam points and pass/fail, or accuracy, by the benchmark's own aggregation. */
export type RunResult = BenchmarkResult;

/** What the manifests of both run kinds may say beyond `RunManifestBase`; read leniently. */
export interface AnyRunManifest extends RunManifestBase {
  readonly predictions?: {
    readonly published?: string;
    readonly files?: readonly { readonly path: string }[];
  };
  readonly endpoint?: string;
  readonly template?: string;
  /** How answers were obtained: `generate` (the default) or `likelihood`. */
  readonly method?: string;
  /** `kensa eval --images`; `skip` left the image questions out and scaled the pass lines. */
  readonly images?: string;
}

/** A run folder with its benchmark's items, re-scored from the sample-0 answers in its log. */
export interface LoadedRun {
  readonly directory: string;
  /** What to call the run in tables: the model, or the prediction files' name. */
  readonly label: string;
  readonly manifest: AnyRunManifest;
  readonly benchmark: Benchmark;
  /** The items the run answered (those with a sample-0 record), in benchmark order. */
  readonly items: readonly Item[];
  /** The sample-0 record of each item, by item id. */
  readonly records: ReadonlyMap<string, RunRecord>;
  readonly result: RunResult;
  /** Scores in item order, whichever the aggregation. */
  readonly scores: readonly ItemScore[];
  /** Items whose verdict in the log differs from the re-scored one (a changed benchmark or scorer). */
  readonly verdictMismatches: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Parses a benchmark's items once per command, however many runs use it. `recorded` is what a run's manifest says
 * about its data: without `--data-dir` (or `KENSA_DATA_DIR`) the mirror it was read from is used again, and the
 * files must still have the checksums the run recorded.
 */
export type ItemLoader = (benchmark: Benchmark, recorded?: RunSources) => Promise<readonly Item[]>;

export function createItemLoader(options: SourceOptions): ItemLoader {
  const loaded = new Map<string, Promise<readonly Item[]>>();
  return (benchmark, recorded) => {
    const dataDir =
      options.dataDir ?? (options.env ?? process.env).KENSA_DATA_DIR ?? recordedDataDir(recorded);
    const key = [benchmark.id, dataDir ?? '', ...benchmark.sources.map((file) => file.path)].join('\0');
    let items = loaded.get(key);
    if (items === undefined) {
      const files = withRecordedChecksums(benchmark.sources, recorded);
      items = loadSources(files, { ...options, ...(dataDir === undefined ? {} : { dataDir }) }).then(
        (contents) => benchmark.parse(contents),
      );
      loaded.set(key, items);
    }
    return items;
  };
}

/**
 * The name a reader knows a run by. Model runs carry the model; scored prediction files carry the published
 * name, or files named like IgakuQA's `112-A_<name>.jsonl`, from which the name is read.
 */
export function runLabel(manifest: AnyRunManifest, directory: string): string {
  if (manifest.kind !== 'score') return manifest.model;
  if (manifest.predictions?.published !== undefined) return manifest.predictions.published;
  const names = new Set(
    (manifest.predictions?.files ?? []).map(
      (file) => /^[^_]+_(.+)\.jsonl$/.exec(path.basename(file.path))?.[1] ?? '',
    ),
  );
  const [only] = names;
  if (names.size === 1 && only !== undefined && only !== '') return only;
  return path.basename(directory);
}

/** The sample-0 answers of a run's log: the reply text of every record that finished. */
export function answersOf(records: ReadonlyMap<string, RunRecord>): Map<string, string> {
  const answers = new Map<string, string>();
  for (const [itemId, record] of records) {
    if (record.status === 'ok' && record.reply !== undefined) answers.set(itemId, record.reply.text);
  }
  return answers;
}

/** Likelihood runs: the options picked by per-token mean log-probability, for normalised accuracy. */
function normAnswersOf(records: ReadonlyMap<string, RunRecord>): Map<string, string> | undefined {
  const answers = new Map<string, string>();
  for (const [itemId, record] of records) {
    const byMean = record.status === 'ok' ? record.reply?.likelihood?.byMean : undefined;
    if (byMean !== undefined) answers.set(itemId, byMean);
  }
  return answers.size === 0 ? undefined : answers;
}

/** Re-scores a run's sample-0 answers on the given items, as `kensa eval` and `kensa score` scored them. */
export function scoreRun(
  benchmark: Benchmark,
  items: readonly Item[],
  records: ReadonlyMap<string, RunRecord>,
  match: MatchMode,
): RunResult {
  return scoreBenchmark(benchmark, items, answersOf(records), match, normAnswersOf(records));
}

function readRunFolder(directory: string): RunFolder<AnyRunManifest> {
  try {
    return readRun<AnyRunManifest>(directory);
  } catch (error) {
    // A folder that is not a run, or unreadable, is bad input (exit 2).
    if (KensaError.isInstance(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ReportInputError(`Cannot read run folder ${directory}: ${reason}`);
  }
}

/** A run already in memory: what `kensa eval` or `kensa score` just wrote, or a folder read back. */
export interface RunFromRecordsOptions {
  readonly directory: string;
  readonly manifest: AnyRunManifest;
  readonly benchmark: Benchmark;
  /** The benchmark's items (all of them, or at least every item the run answered), in benchmark order. */
  readonly items: readonly Item[];
  /** The run's records, every sample; the report uses sample 0. */
  readonly records: readonly RunRecord[];
  /**
   * The scores the run was just given. When they cover exactly the items the run answered, they are used as they
   * are and nothing is scored again; otherwise (no result, or an interrupted run) the answers are re-scored.
   */
  readonly result?: RunResult;
}

/** A run from its records: the sample-0 answers, scored (or re-scored) on the benchmark's current items. */
export function runFromRecords(options: RunFromRecordsOptions): LoadedRun {
  const { directory, manifest, benchmark } = options;
  const warnings: string[] = [];
  if (manifest.benchmarkVersion !== benchmark.version) {
    warnings.push(
      `${directory}: scored with ${benchmark.id} version ${manifest.benchmarkVersion}, re-scored with version ${benchmark.version}.`,
    );
  }
  const records = new Map<string, RunRecord>();
  for (const record of options.records) if (record.sample === 0) records.set(record.itemId, record);
  const known = new Set(options.items.map((item) => item.id));
  const unknown = [...records.keys()].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    warnings.push(
      `${directory}: ${unknown.length} logged item(s) are not in ${benchmark.id} version ${benchmark.version} (${unknown.slice(0, 3).join(', ')}…); left out.`,
    );
  }
  const items = options.items.filter((item) => records.has(item.id));
  const given = options.result;
  const reusable =
    given !== undefined &&
    unknown.length === 0 &&
    given.report.scores.length === records.size &&
    given.report.scores.every((score) => records.has(score.id));
  const result = reusable ? given : scoreRun(benchmark, items, records, manifest.match);
  const scores = result.report.scores;
  const verdictMismatches = scores
    .filter((score) => {
      const logged = records.get(score.id);
      return logged?.status === 'ok' && logged.verdict !== undefined && logged.verdict !== score.verdict;
    })
    .map((score) => score.id);
  if (verdictMismatches.length > 0) {
    warnings.push(
      `${directory}: ${verdictMismatches.length} verdict(s) in the log differ from re-scoring (e.g. ${verdictMismatches.slice(0, 3).join(', ')}); the report shows the re-scored ones.`,
    );
  }
  return {
    directory,
    label: runLabel(manifest, directory),
    manifest,
    benchmark,
    items,
    records,
    result,
    scores,
    verdictMismatches,
    warnings,
  };
}

/**
 * Reads a run folder (from `kensa eval` or `kensa score --out`) and re-scores it from its log with the
 * benchmark's current items and rules, rather than trusting the numbers in its summary.
 */
export async function loadRun(
  directory: string,
  options: { readonly registry: Registry; readonly loadItems: ItemLoader },
): Promise<LoadedRun> {
  const { registry, loadItems } = options;
  const folder = readRunFolder(directory);
  const manifest = folder.manifest;
  const built = benchmarkOfRun(registry, manifest, directory);
  const allItems = await loadItems(built, manifest.sources);
  // A run that left the image questions out was scored against pass lines scaled to the rest: so is its re-scoring.
  const { benchmark, items } =
    manifest.images === 'skip' ? skipImageQuestions(built, allItems) : { benchmark: built, items: allItems };
  return runFromRecords({ directory, manifest, benchmark, items, records: folder.records });
}
