import { type BatchResults, batchCustomId, parseCustomId } from './batch-file';
import type { ReplySource } from './reply-source';

/** What ingesting results left over: lines no request of the run matched. */
export interface BatchIngestReport {
  /** Results taken into the run (responses and errors). */
  readonly used: number;
  /** custom_ids that name no pending request of these runs (another run's file, or answered already). */
  readonly unknown: string[];
  /** Results for a pending item and sample whose request has changed since the file was written: refused. */
  readonly stale: string[];
  readonly duplicates: string[];
}

/**
 * Answers a run's requests from batch results, matched by custom_id: item, sample and request hash must all
 * agree, so a result is never trusted for a request other than the one it answered. Requests without a result
 * stay pending. One ingest may serve several runs of a command (benchmarks, prompt modes); `report()` then
 * tells what none of them used.
 */
export function createBatchIngest(results: BatchResults): ReplySource & { report(): BatchIngestReport } {
  const used = new Set<string>();
  const pendingTasks = new Set<string>();
  return {
    answer(task) {
      const customId = batchCustomId(task);
      pendingTasks.add(`${task.benchmark}/${task.itemId}#${task.sample}`);
      const outcome = results.outcomes.get(customId);
      if (outcome === undefined) return { kind: 'pending' };
      used.add(customId);
      return outcome;
    },
    report() {
      const unknown: string[] = [];
      const stale: string[] = [];
      for (const customId of results.outcomes.keys()) {
        if (used.has(customId)) continue;
        const parts = parseCustomId(customId);
        const task = parts && `${parts.benchmark}/${parts.itemId}#${parts.sample}`;
        if (task !== undefined && pendingTasks.has(task)) stale.push(customId);
        else unknown.push(customId);
      }
      return { used: used.size, unknown, stale, duplicates: [...new Set(results.duplicates)] };
    },
  };
}
