import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Benchmark, MatchMode, Prediction } from '@kensa/core';
import {
  examReportJson,
  type PredictionProvenance,
  scorePredictions,
  writePredictionRun,
  writeRunReport,
} from '@kensa/report';
import {
  describeRunSources,
  expandPredictionPaths,
  loadSources,
  readPredictionFiles,
  sha256Hex,
} from '@kensa/runner';
import { configureBenchmarks, parseOptionPairs, recordedOptions } from '../../benchmark-options';
import { renderExamTable } from '../../exam-table';
import { exitCodes } from '../../exit-codes';
import type { Io } from '../../io';
import { loadRegistry } from '../../plugin-loader';
import { UsageError } from '../../usage-error';

export interface ScoreOptions {
  readonly predictions?: readonly string[];
  readonly published?: string;
  readonly dataDir?: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly match?: string;
  /** `all` (the paper's way) or `scored`. */
  readonly accuracy?: string;
  readonly plugin?: readonly string[];
  /** `-T key=value`, repeatable: options for the benchmark's factory. */
  readonly benchmarkOption?: readonly string[];
}

function predictionFormatOf(benchmark: Benchmark) {
  if (benchmark.predictions === undefined) {
    throw new UsageError(
      `Benchmark '${benchmark.id}' has no prediction-file format; use 'kensa eval' instead.`,
    );
  }
  return benchmark.predictions;
}

function matchModeOf(option: string | undefined, fallback: MatchMode): MatchMode {
  if (option === undefined) return fallback;
  if (option === 'exact' || option === 'normalized') return option;
  throw new UsageError(`--match must be 'exact' or 'normalized', not '${option}'.`);
}

/** `kensa score <benchmark>`: scores prediction files (or the paper's published ones) exactly like the paper. */
export async function scoreCommand(benchmarkId: string, options: ScoreOptions, io: Io): Promise<number> {
  const optionValues = parseOptionPairs(options.benchmarkOption);
  const [benchmark] = configureBenchmarks(
    [(await loadRegistry(options.plugin, io.cwd)).get(benchmarkId)],
    optionValues,
  ) as [Benchmark];
  const format = predictionFormatOf(benchmark);
  const hasFiles = (options.predictions?.length ?? 0) > 0;
  if (hasFiles === (options.published !== undefined)) {
    throw new UsageError('Give either --predictions <file|dir>... or --published NAME (not both).');
  }
  const match = matchModeOf(options.match, format.match);
  const dataDir = options.dataDir ?? io.env.KENSA_DATA_DIR;
  const sourceOptions = {
    ...(dataDir === undefined ? {} : { dataDir }),
    env: io.env,
    log: io.stderr.bind(null),
  };
  const log = (message: string) => io.stderr(`${message}\n`);

  let predictions: Prediction[];
  let provenance: PredictionProvenance;
  if (options.published !== undefined) {
    const published = format.published;
    if (published === undefined || !published.names.includes(options.published)) {
      const names = published?.names.join(', ') ?? 'none';
      throw new UsageError(
        `Unknown published predictions '${options.published}' for ${benchmark.id}; known: ${names}.`,
      );
    }
    const files = published.sources(options.published);
    log(`Fetching the published '${options.published}' predictions (${files.length} files)…`);
    const contents = await loadSources(files, { ...sourceOptions, log });
    predictions = files.flatMap((file) => format.parse(contents.get(file.path) ?? '', file.path));
    provenance = { published: options.published };
  } else {
    const files = await expandPredictionPaths(options.predictions ?? [], io.cwd);
    predictions = await readPredictionFiles(files, format, io.cwd);
    provenance = {
      files: await Promise.all(
        files.map(async (file) => ({ path: file, sha256: sha256Hex(await readFile(file)) })),
      ),
    };
  }

  const contents = await loadSources(benchmark.sources, { ...sourceOptions, log });
  const items = benchmark.parse(contents);
  if (options.accuracy !== undefined && options.accuracy !== 'all' && options.accuracy !== 'scored')
    throw new UsageError(`--accuracy must be 'all' or 'scored', not '${options.accuracy}'.`);
  const report = scorePredictions(
    benchmark,
    items,
    predictions,
    match,
    options.accuracy === 'scored' ? 'scored-questions' : 'all-questions',
  );
  const summary = examReportJson(report, {
    benchmarkVersion: benchmark.version,
    match,
    predictions: provenance,
  });

  if (options.out !== undefined) {
    const directory = resolve(io.cwd, options.out);
    const run = await writePredictionRun({
      directory,
      benchmark,
      items,
      predictions,
      report,
      match,
      provenance,
      sources: describeRunSources(benchmark.sources, contents, dataDir),
      ...recordedOptions(benchmarkId, optionValues, benchmark),
      summary,
    });
    log(`Run folder: ${directory}`);
    await writeRunReport(run, log);
  }

  if (options.json) {
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const what =
      options.published === undefined ? 'predictions' : `published '${options.published}' predictions`;
    io.stdout(renderExamTable(report, { title: `${benchmark.title} — ${what} (match: ${match})` }));
  }
  return exitCodes.success;
}
