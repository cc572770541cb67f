export { benchmarkOfRun } from './benchmark-of-run';
export const VERSION = '0.1.0';
export {
  accuracyReportJson,
  type BenchmarkResult,
  benchmarkResultJson,
  examReportJson,
  scoreBenchmark,
} from './benchmark-result';
export { type ChartLibrary, chartLibrary } from './chart-library';
export {
  type ComparedRun,
  type CompareSettings,
  compareRuns,
  type DiscordantItem,
  type PairedDifference,
  type RunComparison,
} from './compare-runs';
export { type ExamUnit, examOfId, examUnits, meanExamScore, unitAccuracy } from './exam-resample';
export { fixed, percent, percentRange, points } from './format';
export {
  type AnyRunManifest,
  answersOf,
  createItemLoader,
  type ItemLoader,
  type LoadedRun,
  loadRun,
  type RunFromRecordsOptions,
  type RunResult,
  runFromRecords,
  runLabel,
  scoreRun,
} from './load-run';
export { modeName } from './mode-name';
export {
  type PredictionProvenance,
  scorePredictions,
  type WritePredictionRunOptions,
  writePredictionRun,
} from './prediction-run';
export { ReportInputError } from './report-error';
export { type RenderReportOptions, renderReportHtml } from './report-html';
export {
  type AccuracyTable,
  buildReportModel,
  type ExamTable,
  type QuestionItem,
  type QuestionRow,
  type ReportExam,
  type ReportMiss,
  type ReportModel,
  type ReportModelOptions,
  type ReportQuestions,
  type ReportRun,
  reportSummaryJson,
} from './report-model';
export { scoreAnswers } from './score-answers';
export { scoreEvaluation } from './score-evaluation';
export { type WriteReportSettings, writeReport, writeRunReport } from './write-report';
