import {
  acceptedKeys,
  type Benchmark,
  type ExamRules,
  type Item,
  itemPoints,
  scoreExams,
  scoreItem,
} from '@kensa/core';

/** What the test knows from the official exam, to check a plugin's exam semantics against. */
export interface OfficialExamFacts {
  /** Each question's official points (e.g. 3 for 必修 clinical questions), to catch points on the wrong questions. */
  readonly points?: (item: Item) => number;
  /** Each exam's official total in points, by exam id (`{ '119': 500 }`). */
  readonly totals?: Readonly<Record<string, number>>;
}

type Add = (message: string, itemId?: string) => void;

function sectionsHolding(rules: ExamRules, block: string) {
  return rules.sections.filter((section) => section.blocks.includes(block));
}

function keyAnswer(item: Item): string {
  return item.kind === 'choice' ? `答え：${item.answer.join(',')}` : `答え：${item.answer[0] ?? ''}`;
}

/**
 * Exam semantics a plugin author can get wrong while every item still validates: each item in exactly one
 * section of its exam's rules, section totals equal to the official ones and at least the pass line, `choose`
 * equal to the key's size, every declared ruling attached to its item, official points and totals, and an
 * examinee who answers every key passing.
 */
export function checkExamSemantics(
  benchmark: Benchmark,
  items: readonly Item[],
  official: OfficialExamFacts | undefined,
  add: Add,
): void {
  const scoring = benchmark.scoring;
  if (scoring.kind !== 'exam') return;
  const rulesOf = new Map(scoring.rules.map((rules) => [rules.exam, rules]));
  const byExam = new Map<string, Item[]>();
  for (const item of items) {
    const exam = scoring.examOf(item);
    byExam.set(exam, [...(byExam.get(exam) ?? []), item]);
  }

  for (const [exam, examItems] of byExam) {
    const rules = rulesOf.get(exam);
    if (rules === undefined) {
      add(`exam '${exam}' (of ${examItems.length} items) has no exam rules`, examItems[0]?.id);
      continue;
    }
    const reportedBlocks = new Set<string>();
    for (const item of examItems) {
      const block = item.block ?? '';
      const holding = sectionsHolding(rules, block);
      if (holding.length === 1 || reportedBlocks.has(block)) continue;
      reportedBlocks.add(block);
      add(
        holding.length === 0
          ? `block '${block}' of exam ${exam} is in no section, so its items count toward no pass line`
          : `block '${block}' of exam ${exam} is in ${holding.length} sections (${holding.map((section) => section.id).join(', ')}); an item must be in exactly one`,
        item.id,
      );
    }
    let examTotal = 0;
    for (const section of rules.sections) {
      const inSection = examItems.filter((item) => section.blocks.includes(item.block ?? ''));
      const total = inSection
        .filter((item) => item.ruling?.kind !== 'excluded')
        .reduce((sum, item) => sum + itemPoints(item), 0);
      examTotal += total;
      if (section.total !== undefined && total !== section.total) {
        add(
          `section '${section.id}' of exam ${exam} totals ${total} points; the official total is ${section.total}`,
        );
      }
      if (section.passLine > total) {
        add(
          `the pass line ${section.passLine} of section '${section.id}' of exam ${exam} is above its total ${total}`,
        );
      }
      for (const block of section.blocks) {
        if (!inSection.some((item) => item.block === block)) {
          add(`section '${section.id}' of exam ${exam} names block '${block}', which no item has`);
        }
      }
    }
    const officialTotal = official?.totals?.[exam];
    if (officialTotal !== undefined && examTotal !== officialTotal) {
      add(`exam ${exam} totals ${examTotal} points; the official total is ${officialTotal}`);
    }
    for (const [id, ruling] of Object.entries(rules.rulings ?? {})) {
      const item = examItems.find((candidate) => candidate.id === id);
      if (item === undefined)
        add(`the ruling for '${id}' of exam ${exam} never applies: no item has that id`);
      else if (JSON.stringify(item.ruling) !== JSON.stringify(ruling)) {
        add(`the ruling for '${id}' of exam ${exam} is declared but the item does not carry it`, id);
      }
    }
  }

  for (const item of items) {
    if (item.kind === 'choice') {
      const odd = acceptedKeys(item).find((key) => key.length !== item.choose);
      if (odd !== undefined) {
        add(`asks to choose ${item.choose} but the key '${odd.join(',')}' has ${odd.length}`, item.id);
      }
    }
    const points = official?.points?.(item);
    if (points !== undefined && points !== itemPoints(item)) {
      add(`is worth ${itemPoints(item)} point(s); officially ${points}`, item.id);
    }
  }

  const answers = new Map(items.map((item) => [item.id, keyAnswer(item)]));
  if (items.some((item) => !scoreItem(item, answers.get(item.id), 'normalized').correct)) return; // the scoring check reports it
  try {
    const report = scoreExams({
      benchmark: benchmark.id,
      rules: scoring.rules,
      examOf: scoring.examOf,
      items,
      answers,
      match: 'normalized',
    });
    for (const exam of report.exams) {
      if (!exam.passed) {
        const failed = exam.sections.filter((section) => !section.passed).map((section) => section.id);
        add(
          `an examinee answering every key fails exam ${exam.exam}` +
            (exam.complete
              ? ` (sections below their line: ${failed.join(', ') || 'none'}; 禁忌肢 ${exam.kinki})`
              : ' (incomplete)'),
        );
      }
    }
  } catch {
    // Exams without rules are reported above; the scoring check reports other throws.
  }
}
