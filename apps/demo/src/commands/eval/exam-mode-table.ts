import type { ExamReport } from '@kensa/core';
import Table from 'cli-table3';

/** One model run of an exam benchmark in one prompt mode. */
export interface ExamModeCell {
  readonly mode: string;
  readonly report: ExamReport;
}

/**
 * The seed's Table 1 layout for one model: a column per prompt mode (3-shot, 3-shot with explanation, …), each
 * cell the mean exam score over the exams present and how many of them were passed.
 */
export function renderExamModeTable(title: string, model: string, cells: readonly ExamModeCell[]): string {
  const table = new Table({
    head: ['Model', ...cells.map((cell) => cell.mode)],
    style: { head: [], border: [] },
  });
  table.push([
    model,
    ...cells.map(({ report }) => {
      const passed = report.exams.filter((exam) => exam.passed).length;
      return `${report.meanScore.toFixed(1)}\n${passed}/${report.exams.length} passed`;
    }),
  ]);
  return `${title} — mean exam score by prompt mode\n${table.toString()}\n`;
}
