import { type BatchResults, batchCustomId, parseCustomId } from './batch-file';
import type { ReplySource } from './reply-source';
import type { RunRecord } from './run-record';

/** What ingesting results left over: lines no request of the run matched. */
export interface BatchIngestReport {
  /** Results taken into the run (responses and errors). */
  readonly used: number;
  /** custom_ids that name no request of these runs (another run's file, another model or setting). */
  readonly unknown: string[];
  /** Results for requests answered already (by an earlier file, the cache or the server): not needed. */
  readonly answeredAlready: number;
  /** Results for an item and sample of the run whose request has changed since the file was written: refused. */
  readonly stale: string[];
  readonly duplicates: string[];
}

/**
 * Answers a run's requests from batch results, matched by custom_id: item, sample and request hash must all
 * agree, so a result is never trusted for a request other than the one it answered. Requests without a result
 * stay pending. One ingest may serve several runs of a command (benchmarks, prompt modes); `report()` then
 * tells what none of them used.
 */
export function createBatchIngest(results: BatchResults): ReplySource & {
  /** Tells the ingest which requests a run had answered, so their results are not reported as unknown. */
  noteAnswered(benchmark: string, records: readonly RunRecord[]): void;
  report(): BatchIngestReport;
} {
  const used = new Set<string>();
  // Every item and sample of the runs served, pending or answered: a result naming one with another hash is stale.
  const runTasks = new Set<string>();
  const answered = new Set<string>();
  return {
    noteAnswered(benchmark, records) {
      for (const record of records) {
        if (record.status !== 'ok' || record.requestHash === undefined) continue;
        runTasks.add(`${benchmark}/${record.itemId}#${record.sample}`);
        answered.add(
          batchCustomId({
            benchmark,
            itemId: record.itemId,
            sample: record.sample,
            requestHash: record.requestHash,
          }),
        );
      }
    },
    answer(task) {
      const customId = batchCustomId(task);
      runTasks.add(`${task.benchmark}/${task.itemId}#${task.sample}`);
      const outcome = results.outcomes.get(customId);
      if (outcome === undefined) return { kind: 'pending' };
      used.add(customId);
      return outcome;
    },
    report() {
      const unknown: string[] = [];
      const stale: string[] = [];
      let answeredAlready = 0;
      for (const customId of results.outcomes.keys()) {
        if (used.has(customId)) continue;
        if (answered.has(customId)) {
          answeredAlready++;
          continue;
        }
        const parts = parseCustomId(customId);
        const task = parts && `${parts.benchmark}/${parts.itemId}#${parts.sample}`;
        if (task !== undefined && runTasks.has(task)) stale.push(customId);
        else unknown.push(customId);
      }
      return {
        used: used.size,
        unknown,
        stale,
        answeredAlready,
        duplicates: [...new Set(results.duplicates)],
      };
    },
  };
}
