import type { Benchmark } from './benchmark';
import type { Item } from './item';
import { scaleRulesToKeptItems } from './scale-exam-rules';

/**
 * `--images skip`: the questions without images, and the benchmark scored on them. For exam benchmarks each pass
 * line is scaled to the points kept (`scaleRulesToKeptItems`). A run records the mode, so `kensa report` and
 * `compare` rebuild the same rules from the run folder.
 */
export function skipImageQuestions(
  benchmark: Benchmark,
  items: readonly Item[],
): { readonly benchmark: Benchmark; readonly items: readonly Item[] } {
  const kept = items.filter((item) => item.hasImage !== true);
  const scoring = benchmark.scoring;
  if (scoring.kind !== 'exam' || kept.length === items.length) return { benchmark, items: kept };
  const rules = scaleRulesToKeptItems(scoring.rules, items, kept, scoring.examOf, '--images skip');
  return { benchmark: { ...benchmark, scoring: { ...scoring, rules } }, items: kept };
}
