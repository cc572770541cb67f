import type { Benchmark, Item } from '@kensa/core';
import type { RunRecord } from '@kensa/runner';
import { type BenchmarkResult, scoreBenchmark } from './benchmark-result';

/**
 * Scores an evaluation's first samples (sample 0 of each item) as `kensa eval` does: replies read leniently
 * (`normalized` match), failed samples counted as missing. Likelihood runs are also scored by the option with the
 * best per-token mean log-probability (normalised accuracy).
 */
export function scoreEvaluation(
  benchmark: Benchmark,
  items: readonly Item[],
  records: readonly RunRecord[],
  method: 'generate' | 'likelihood' = 'generate',
): BenchmarkResult {
  const firstSamples = records.filter((record) => record.sample === 0 && record.status === 'ok');
  const answers = new Map(firstSamples.map((record) => [record.itemId, record.reply?.text ?? '']));
  const normAnswers =
    method === 'likelihood'
      ? new Map(firstSamples.map((record) => [record.itemId, record.reply?.likelihood?.byMean ?? '']))
      : undefined;
  return scoreBenchmark(benchmark, items, answers, 'normalized', normAnswers);
}
