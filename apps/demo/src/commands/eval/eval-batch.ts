import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BatchFileError,
  type BatchIngestReport,
  createBatchCollector,
  createBatchIngest,
  type EvaluationResult,
  emptyBatchResults,
  type ReplySource,
  readBatchResults,
  runOpenAIBatches,
  writeFileAtomic,
} from '@kensa/runner';
import { exitCodes } from '../../exit-codes';
import type { Io } from '../../io';
import type { EvalSettings } from './eval-settings';

/** Evaluates one run with the given reply source (none: send every request). */
export type EvaluateWith = (replies?: ReplySource) => Promise<EvaluationResult>;

/** The run folder being evaluated and its benchmark. */
export interface BatchRun {
  readonly runDir: string;
  readonly benchmark: string;
}

/**
 * How `kensa eval` answers requests with `--batch-out`, `--batch-in` or `--batch openai`: `evaluate` runs one
 * run folder and returns its result, or undefined when answers are still pending (nothing is scored then);
 * `finish` writes or reports what concerns the whole command and returns its exit code.
 */
export interface BatchMode {
  evaluate(run: BatchRun, evaluateWith: EvaluateWith): Promise<EvaluationResult | undefined>;
  finish(): Promise<number>;
}

const shown = 5;

function listSome(ids: readonly string[]): string {
  return `${ids.slice(0, shown).join(', ')}${ids.length > shown ? `, … (${ids.length - shown} more)` : ''}`;
}

function reportIngest(report: BatchIngestReport, log: (line: string) => void): void {
  if (report.duplicates.length > 0)
    log(
      `${report.duplicates.length} custom_id(s) appear more than once; kept the first answer: ${listSome(report.duplicates)}`,
    );
  if (report.stale.length > 0)
    log(
      `${report.stale.length} result(s) answer a request that has changed since the batch file was written ` +
        `(prompt, model or sampling); refused, the item stays pending: ${listSome(report.stale)}`,
    );
  if (report.answeredAlready > 0)
    log(`${report.answeredAlready} result(s) answer questions already in the run folder; left as they were.`);
  if (report.unknown.length > 0)
    log(
      `${report.unknown.length} result(s) match no request of this run (another run's file, model or ` +
        `settings); ignored: ${listSome(report.unknown)}`,
    );
}

function pendingNote(
  result: EvaluationResult,
  runDir: string,
  advice: string,
  log: (line: string) => void,
): void {
  log(`${runDir}: ${result.pending} answer(s) still pending; no summary written. ${advice}`);
}

export async function readResultFiles(files: readonly string[], cwd: string) {
  const results = emptyBatchResults();
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(path.resolve(cwd, file), 'utf8');
    } catch (error) {
      throw new BatchFileError({
        file,
        message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      });
    }
    readBatchResults(text, file, results);
  }
  return results;
}

/** `--batch-out FILE`: the pending requests of every run go to one OpenAI Batch JSONL file; nothing is sent. */
function batchOut(file: string, io: Io): BatchMode {
  const collector = createBatchCollector();
  const log = (line: string) => io.stderr(`${line}\n`);
  return {
    async evaluate(_run, evaluateWith) {
      await evaluateWith(collector);
      return undefined;
    },
    async finish() {
      const target = path.resolve(io.cwd, file);
      await writeFileAtomic(
        target,
        Buffer.from(collector.lines.map((line) => `${JSON.stringify(line)}\n`).join('')),
      );
      log(
        collector.lines.length === 0
          ? `Nothing pending: every answer is in the run folder already (wrote an empty ${file}).`
          : `Wrote ${collector.lines.length} request(s) to ${file}. Run them (e.g. vllm run-batch -i ${file} -o results.jsonl ` +
              '--model …, or the OpenAI Batch API), then run this command again with --batch-in results.jsonl ' +
              'instead of --batch-out.',
      );
      return exitCodes.success;
    },
  };
}

/** `--batch-in FILE…`: results files answer the runs' pending requests, matched by custom_id. */
async function batchIn(files: readonly string[], io: Io): Promise<BatchMode> {
  const ingest = createBatchIngest(await readResultFiles(files, io.cwd));
  const log = (line: string) => io.stderr(`kensa: ${line}\n`);
  let pending = false;
  return {
    async evaluate({ runDir, benchmark }, evaluateWith) {
      const result = await evaluateWith(ingest);
      ingest.noteAnswered(benchmark, result.records);
      if (result.pending === 0) return result;
      pending = true;
      pendingNote(
        result,
        runDir,
        'Run the same command with a later or complete results file to finish it.',
        log,
      );
      return undefined;
    },
    async finish() {
      const report = ingest.report();
      log(`took ${report.used} result(s) from ${files.join(', ')}.`);
      reportIngest(report, log);
      return pending ? exitCodes.failures : exitCodes.success;
    },
  };
}

/** `--batch openai`: each run's pending requests go through the OpenAI Batch API and come back into its log. */
function batchOpenAI(settings: EvalSettings, pollIntervalMs: number, io: Io): BatchMode {
  const log = (line: string) => io.stderr(`kensa: ${line}\n`);
  let pending = false;
  return {
    async evaluate({ runDir, benchmark }, evaluateWith) {
      const collector = createBatchCollector();
      await evaluateWith(collector);
      const outcome = await runOpenAIBatches({
        baseURL: settings.baseURLs[0] ?? 'https://api.openai.com/v1',
        ...(settings.apiKey === undefined ? {} : { apiKey: settings.apiKey }),
        runDir,
        lines: collector.lines,
        pollIntervalMs,
        metadata: { kensa_run: path.basename(runDir) },
        onProgress: (line) => log(`batch ${line}`),
      });
      const ingest = createBatchIngest(outcome.results);
      const result = await evaluateWith(ingest);
      ingest.noteAnswered(benchmark, result.records);
      await outcome.markIngested();
      reportIngest(ingest.report(), log);
      if (result.pending === 0) return result;
      pending = true;
      pendingNote(result, runDir, 'Run the same command again to submit them in a new batch.', log);
      return undefined;
    },
    async finish() {
      return pending ? exitCodes.failures : exitCodes.success;
    },
  };
}

export async function createBatchMode(settings: EvalSettings, io: Io): Promise<BatchMode | undefined> {
  const batch = settings.batch;
  if (batch === undefined) return undefined;
  if (batch.kind === 'out') return batchOut(batch.file, io);
  if (batch.kind === 'in') return batchIn(batch.files, io);
  return batchOpenAI(settings, batch.pollIntervalMs, io);
}
