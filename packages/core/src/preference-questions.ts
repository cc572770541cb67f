import type { ChatMessage } from './chat-message';
import type { Item } from './item';
import type { PreferenceQuestionInput } from './preference-data';
import { PreferenceInputError } from './preference-input-error';
import type { Verdict } from './score-item';

/** What a preference build reads from one logged sample (a run record of `kensa eval`). */
export interface PreferenceRunRecord {
  readonly itemId: string;
  readonly sample: number;
  readonly status: 'ok' | 'error';
  readonly messages?: readonly ChatMessage[];
  readonly reply?: { readonly text: string };
  readonly verdict?: Verdict;
}

/** One run's samples, and what to call the run in messages. */
export interface PreferenceRunInput {
  readonly directory: string;
  readonly benchmark: string;
  readonly benchmarkVersion: string;
  readonly records: readonly PreferenceRunRecord[];
}

export interface CollectPreferenceQuestionsOptions {
  /** Explanations from a user's file, by item id; they win over the items' own. */
  readonly explanations?: ReadonlyMap<string, { readonly explanation: string }>;
  /** Build ground-truth responses from explanations; true by default. */
  readonly groundTruth?: boolean;
}

/**
 * The samples of every question the runs answered, in benchmark order, with one prompt per question: the input
 * of `buildPreferenceData`. Fails on a logged item the benchmark lacks, or one question asked with two prompts.
 */
export function collectPreferenceQuestions(
  runs: readonly PreferenceRunInput[],
  items: readonly Item[],
  options: CollectPreferenceQuestionsOptions = {},
): PreferenceQuestionInput[] {
  const explanations = options.explanations ?? new Map<string, { explanation: string }>();
  const useGroundTruth = options.groundTruth !== false;
  const known = new Set(items.map((item) => item.id));
  const byItem = new Map<string, { run: number; record: PreferenceRunRecord }[]>();
  runs.forEach((run, runIndex) => {
    for (const record of run.records) {
      if (!known.has(record.itemId)) {
        throw new PreferenceInputError(
          `${run.directory} answered '${record.itemId}', which benchmark ${run.benchmark} (version ${run.benchmarkVersion}) does not have. Is --data-dir (or --plugin) the data the run used?`,
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
    let prompt: readonly ChatMessage[] | undefined;
    let promptFrom = '';
    for (const { run, record } of entries) {
      if (record.messages === undefined) continue;
      if (prompt === undefined) {
        prompt = record.messages;
        promptFrom = runs[run]?.directory ?? '';
      } else if (JSON.stringify(prompt) !== JSON.stringify(record.messages)) {
        throw new PreferenceInputError(
          `${item.id} was asked with different prompts in ${promptFrom} and ${runs[run]?.directory}; pairs need one prompt per question.`,
        );
      }
    }
    const answered = entries.filter(({ record }) => record.status === 'ok' && record.reply !== undefined);
    if (prompt === undefined) {
      if (answered.length === 0) continue;
      throw new PreferenceInputError(
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
