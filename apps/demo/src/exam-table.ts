import { accuracyBasisLabel, type ExamReport } from '@kensa/core';
import Table from 'cli-table3';
import { percent, percentRange, points } from './format';

/**
 * The paper-style table: one row per exam with score, accuracy, each section against its pass line, 禁忌肢
 * picked and the verdict, then the mean score over the exams present.
 */
export function renderExamTable(report: ExamReport, options: { title: string }): string {
  if (report.exams.length === 0)
    return `${options.title}\nNo exam was scored: there is no answer to score.\n`;
  const sectionNames = report.exams[0]?.sections.map((section) => section.name) ?? [];
  const table = new Table({
    head: [
      'Exam',
      'Year',
      'Score',
      'Accuracy (95% CI)',
      ...sectionNames.map((name) => `${name} / line`),
      '禁忌肢',
      'Result',
      'Examinees',
    ],
    style: { head: [], border: [] },
  });
  for (const exam of report.exams) {
    table.push([
      `${exam.exam}th`,
      String(exam.year),
      `${points(exam.score)}/${points(exam.total)}`,
      `${percent(exam.accuracy)} (${percentRange(exam.accuracyCi95)})`,
      ...exam.sections.map((section) =>
        section.total === 0
          ? '– (not scored)'
          : `${points(section.score)}/${points(section.total)} ≥ ${points(section.passLine)} ${section.passed ? '✓' : '✗'}`,
      ),
      String(exam.kinki),
      exam.complete
        ? exam.passed
          ? 'PASS'
          : 'FAIL'
        : `incomplete (no block ${exam.missingBlocks.join(', ')})`,
      percent(exam.humanAccuracy),
    ]);
  }
  const lines = [options.title, table.toString()];
  lines.push(
    `Mean score over ${report.exams.length} exam${report.exams.length === 1 ? '' : 's'}: ${report.meanScore.toFixed(1)}`,
  );
  lines.push(
    `Accuracy over ${report.n.toLocaleString('en-US')} questions (${accuracyBasisLabel(report.accuracyBasis)}): ${percent(report.accuracy, 2)} (${report.accuracyCorrect.toLocaleString('en-US')} correct)`,
  );
  const unparsed = report.exams.reduce((sum, exam) => sum + exam.unparsed, 0);
  const missing = report.exams.reduce((sum, exam) => sum + exam.missing, 0);
  if (unparsed > 0) lines.push(`${unparsed} answer(s) could not be read and count as wrong.`);
  if (missing > 0)
    lines.push(`${missing} question(s) in the scored blocks have no prediction and count as wrong.`);
  return `${lines.join('\n')}\n`;
}

/** The `--json` document: the contract's fields first, then the breakdowns. */
export function examReportJson(report: ExamReport, extra: Record<string, unknown>) {
  return {
    benchmark: report.benchmark,
    meanScore: report.meanScore,
    exams: report.exams,
    accuracy: report.accuracy,
    accuracyCorrect: report.accuracyCorrect,
    n: report.n,
    accuracyBasis: report.accuracyBasis,
    ...extra,
    categories: report.categories,
    sections: report.sections,
  };
}
