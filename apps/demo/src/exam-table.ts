import { accuracyBasisLabel, type ExamReport } from '@kensa/core';
import { percent, percentRange, points } from '@kensa/report';
import Table from 'cli-table3';

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
      exam.kinkiAnnotated === false ? 'not annotated' : String(exam.kinki),
      exam.complete
        ? `${exam.passed ? 'PASS' : 'FAIL'}${exam.provisional === undefined ? '' : ' (provisional lines)'}`
        : `incomplete (no block ${exam.missingBlocks.join(', ')})`,
      percent(exam.humanAccuracy),
    ]);
  }
  const lines = [options.title, table.toString()];
  lines.push(
    `Mean score over ${report.exams.length} exam${report.exams.length === 1 ? '' : 's'}: ${report.meanScore.toFixed(1)}`,
  );
  for (const exam of report.exams) {
    const split = exam.imageSplit;
    if (split !== undefined) {
      const side = (share: { score: number; total: number; correct: number; n: number }) =>
        `${points(share.score)}/${points(share.total)} points, ${share.correct}/${share.n} correct`;
      lines.push(
        `${exam.exam}th: questions with images ${side(split.withImages)}; text-only ${side(split.textOnly)}.`,
      );
    }
    if (exam.kinkiAnnotated === false)
      lines.push(`${exam.exam}th: the data has no 禁忌肢 annotation; pass/fail rests on the sections.`);
    if (exam.provisional !== undefined)
      lines.push(`${exam.exam}th: pass lines provisional — ${exam.provisional}.`);
  }
  lines.push(
    `Accuracy over ${report.n.toLocaleString('en-US')} questions (${accuracyBasisLabel(report.accuracyBasis)}): ${percent(report.accuracy, 2)} (${report.accuracyCorrect.toLocaleString('en-US')} correct)`,
  );
  const unparsed = report.exams.reduce((sum, exam) => sum + exam.unparsed, 0);
  const missing = report.exams.reduce((sum, exam) => sum + exam.missing, 0);
  if (unparsed > 0)
    lines.push(
      `${unparsed} answer(s) could not be read and count as wrong: ${idList(report.scores, 'unparsed')}.`,
    );
  if (missing > 0)
    lines.push(
      `${missing} question(s) in the scored blocks have no prediction and count as wrong: ${idList(report.scores, 'missing')}.`,
    );
  return `${lines.join('\n')}\n`;
}

/** The ids of the items with a verdict, the first twenty of them, for a line under the table. */
function idList(scores: ExamReport['scores'], verdict: 'unparsed' | 'missing'): string {
  const ids = scores.filter((score) => score.verdict === verdict).map((score) => score.id);
  return ids.length > 20 ? `${ids.slice(0, 20).join(', ')} and ${ids.length - 20} more` : ids.join(', ');
}
