import type { Item } from './item';
import type { ItemScore } from './score-item';
import { mean, wilsonInterval } from './statistics';

/** Accuracy of one group of items (a category, a section), beside the human examinees' accuracy. */
export interface GroupAccuracy {
  readonly group: string;
  readonly n: number;
  readonly correct: number;
  readonly accuracy: number;
  readonly ci95: [number, number];
  /** Mean examinee accuracy over the group's items that have it, 0–1. */
  readonly humanAccuracy: number | undefined;
}

/** Groups counted scores by a property of their items (e.g. `item => item.category`) and reports each group. */
export function accuracyBy(
  items: readonly Item[],
  scores: readonly ItemScore[],
  groupOf: (item: Item) => string | undefined,
): GroupAccuracy[] {
  const itemsById = new Map(items.map((item) => [item.id, item]));
  const groups = new Map<string, { correct: number; n: number; human: number[] }>();
  for (const score of scores) {
    const item = itemsById.get(score.id);
    if (!score.counted || item === undefined) continue;
    const group = groupOf(item) ?? '(none)';
    const entry = groups.get(group) ?? { correct: 0, n: 0, human: [] };
    entry.n += 1;
    if (score.correct) entry.correct += 1;
    if (item.humanAccuracy !== undefined) entry.human.push(item.humanAccuracy);
    groups.set(group, entry);
  }
  return [...groups.entries()]
    .map(([group, entry]) => ({
      group,
      n: entry.n,
      correct: entry.correct,
      accuracy: entry.correct / entry.n,
      ci95: wilsonInterval(entry.correct, entry.n),
      humanAccuracy: entry.human.length === 0 ? undefined : mean(entry.human) / 100,
    }))
    .sort((a, b) => b.n - a.n || a.group.localeCompare(b.group));
}
