import type { ExamRules } from './exam-rules';
import { type Item, itemPoints } from './item';

/**
 * Exam rules for a run that leaves some questions out on purpose (`--images skip`): each section's pass line is
 * scaled by the share of the section's points that remain (line × kept / all), so the same standard is asked of
 * fewer questions. The rules' `source` says so. Sections that lose nothing keep their official line.
 */
export function scaleRulesToKeptItems(
  rules: readonly ExamRules[],
  allItems: readonly Item[],
  keptItems: readonly Item[],
  examOf: (item: Item) => string,
  reason: string,
): ExamRules[] {
  const kept = new Set(keptItems.map((item) => item.id));
  return rules.map((exam) => {
    let scaledAny = false;
    const sections = exam.sections.map((section) => {
      const inSection = allItems.filter(
        (item) =>
          examOf(item) === exam.exam &&
          section.blocks.includes(item.block ?? '') &&
          item.ruling?.kind !== 'excluded',
      );
      const all = inSection.reduce((sum, item) => sum + itemPoints(item), 0);
      const remaining = inSection
        .filter((item) => kept.has(item.id))
        .reduce((sum, item) => sum + itemPoints(item), 0);
      if (all === 0 || remaining === all) return section;
      scaledAny = true;
      const { total: _official, ...rest } = section;
      return { ...rest, passLine: (section.passLine * remaining) / all };
    });
    if (!scaledAny) return exam;
    return {
      ...exam,
      sections,
      source: `${exam.source}; pass lines scaled to the questions kept (${reason}): official line × kept points / all points`,
    };
  });
}
