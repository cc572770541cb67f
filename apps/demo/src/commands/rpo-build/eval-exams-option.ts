import { UsageError } from '../../usage-error';

/** 第N回 is held in year 1906 + N (第112回 = 2018), so a year names its exam. */
const examOfYear = (year: number) => year - 1906;

function parseToken(token: string): number[] {
  const range = /^(\d{3,4})\s*[-–]\s*(\d{3,4})$/.exec(token);
  const single = /^(\d{3,4})$/.exec(token);
  const toExam = (text: string) => (text.length === 4 ? examOfYear(Number(text)) : Number(text));
  if (single?.[1] !== undefined) return [toExam(single[1])];
  if (range?.[1] !== undefined && range[2] !== undefined && range[1].length === range[2].length) {
    const [from, to] = [toExam(range[1]), toExam(range[2])];
    if (from <= to && to - from < 100)
      return Array.from({ length: to - from + 1 }, (_, index) => from + index);
  }
  throw new UsageError(
    `--eval-exams: '${token}' is not an exam number (112), a year (2018) or a range of either (112-116, 2018-2022).`,
  );
}

/**
 * Reads `--eval-exams`: exam numbers (`112,113`), years (`2018`), ranges (`112-116`, `2018-2022`), or `none`.
 * Returns exam numbers as strings, ascending, without repeats.
 */
export function parseEvalExams(value: string): string[] {
  const text = value.trim();
  if (text.toLowerCase() === 'none') return [];
  const tokens = text.split(',').map((token) => token.trim());
  if (tokens.some((token) => token === '')) {
    throw new UsageError(
      `--eval-exams: '${value}' has an empty entry; give e.g. 112,113 or 2018-2022 (or none).`,
    );
  }
  const exams = [...new Set(tokens.flatMap(parseToken))].sort((a, b) => a - b);
  return exams.map(String);
}
