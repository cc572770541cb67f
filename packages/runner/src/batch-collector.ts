import { type BatchRequestLine, batchCustomId, batchRequestLine } from './batch-file';
import type { ReplySource } from './reply-source';

/** Collects every request a run would send as Batch input lines, answering none of them. */
export function createBatchCollector(): ReplySource & { readonly lines: BatchRequestLine[] } {
  const lines: BatchRequestLine[] = [];
  return {
    lines,
    answer(task) {
      lines.push(batchRequestLine(batchCustomId(task), task.request));
      return { kind: 'pending' };
    },
  };
}
