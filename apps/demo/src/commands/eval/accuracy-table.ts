import { type AccuracyReport, mean } from '@kensa/core';
import { percent, percentRange } from '@kensa/report';
import Table from 'cli-table3';

/** One model run's row of the accuracy table. */
export interface AccuracyRow {
  readonly label: string;
  readonly reports: ReadonlyMap<string, AccuracyReport>;
}

function cell(
  report: AccuracyReport | undefined,
  value: (report: AccuracyReport) => number | undefined,
  ci: (report: AccuracyReport) => [number, number] | undefined,
): string {
  if (report === undefined) return '–';
  const accuracy = value(report);
  const interval = ci(report);
  if (accuracy === undefined || interval === undefined) return '–';
  return `${percent(accuracy)}\n(${percentRange(interval)})\nn=${report.n}`;
}

/**
 * The seed's Table 3 layout: one row per model run, a column per benchmark with accuracy, its Wilson 95 %
 * interval and n, and the mean over the benchmarks. Likelihood runs get a second row with the per-token-mean
 * accuracy (norm).
 */
export function renderAccuracyTable(benchmarks: readonly string[], rows: readonly AccuracyRow[]): string {
  const table = new Table({ head: ['Model', ...benchmarks, 'Mean'], style: { head: [], border: [] } });
  for (const row of rows) {
    const reports = benchmarks.map((id) => row.reports.get(id));
    const accuracies = reports.flatMap((report) => (report === undefined ? [] : [report.accuracy]));
    table.push([
      row.label,
      ...reports.map((report) =>
        cell(
          report,
          (r) => r.accuracy,
          (r) => r.ci95,
        ),
      ),
      percent(mean(accuracies)),
    ]);
    if (reports.some((report) => report?.normAccuracy !== undefined)) {
      const norms = reports.flatMap((report) =>
        report?.normAccuracy === undefined ? [] : [report.normAccuracy],
      );
      table.push([
        `${row.label} (norm)`,
        ...reports.map((report) =>
          cell(
            report,
            (r) => r.normAccuracy,
            (r) => r.normCi95,
          ),
        ),
        percent(mean(norms)),
      ]);
    }
  }
  return `${table.toString()}\n`;
}
