import { KensaError } from './errors';
import type { Item } from './item';

/**
 * The national medical licensing exams (医師国家試験) used for evaluation by default: the 112th–116th (2018–2022),
 * i.e. IgakuQA. Training on their questions would contaminate every IgakuQA score.
 */
export const defaultEvalExams: readonly string[] = ['112', '113', '114', '115', '116'];

/**
 * The exam sitting a question comes from: the item's `exam`, or — for data that carries no `exam` — the number at
 * the start of an IgakuQA-style id (`116A71` → `116`).
 */
export function examOfItem(item: Item): string | undefined {
  return item.exam ?? /^(\d{3})[A-Z]\d+$/.exec(item.id)?.[1];
}

/** Questions from one evaluation exam. */
export interface EvalOverlap {
  readonly exam: string;
  readonly itemIds: readonly string[];
}

/** The questions among `items` that come from the evaluation exams, grouped by exam in the order of `evalExams`. */
export function findEvalOverlap(items: readonly Item[], evalExams: readonly string[]): EvalOverlap[] {
  const byExam = new Map<string, string[]>(evalExams.map((exam) => [exam, []]));
  for (const item of items) {
    const exam = examOfItem(item);
    if (exam !== undefined) byExam.get(exam)?.push(item.id);
  }
  return [...byExam]
    .filter(([, itemIds]) => itemIds.length > 0)
    .map(([exam, itemIds]) => ({ exam, itemIds }));
}

/**
 * Preference pairs would be built on questions from exams used for evaluation. Thrown before anything is written;
 * the caller may allow the overlap explicitly (and is told loudly), or leave those questions out.
 */
export class EvalOverlapError extends KensaError {
  readonly overlap: readonly EvalOverlap[];
  readonly evalExams: readonly string[];

  constructor(options: { overlap: readonly EvalOverlap[]; evalExams: readonly string[]; hint?: string }) {
    const count = options.overlap.reduce((total, entry) => total + entry.itemIds.length, 0);
    const exams = options.overlap
      .map(
        (entry) =>
          `${entry.exam}th: ${entry.itemIds.length} (${entry.itemIds.slice(0, 3).join(', ')}${entry.itemIds.length > 3 ? ', …' : ''})`,
      )
      .join('; ');
    super(
      'eval-overlap',
      `Refusing to export preference pairs built on ${count} question${count === 1 ? '' : 's'} from exams used for evaluation (${options.evalExams.join(', ')}): ${exams}. ` +
        `A model trained on them has seen the evaluation questions, and its scores on those exams would no longer measure anything.` +
        (options.hint === undefined ? '' : ` ${options.hint}`),
    );
    this.name = 'EvalOverlapError';
    this.overlap = options.overlap;
    this.evalExams = options.evalExams;
  }

  static override isInstance(error: unknown): error is EvalOverlapError {
    return KensaError.isInstance(error) && error.code === 'eval-overlap';
  }
}
