import {
  type AccuracyBasis,
  type ChatMessage,
  type ExamSummary,
  type GroupAccuracy,
  type Item,
  VERSION as KENSA_VERSION,
  type MatchMode,
  meanExamScoreInterval,
  messagesToText,
  type Verdict,
  wilsonInterval,
} from '@kensa/core';
import { examOfId, examUnits } from './exam-resample';
import type { LoadedRun, RunResult } from './load-run';
import { modeName } from './mode-name';
import { truncateForReport } from './truncate-for-report';

/** One exam sitting of one run, as `summarizeExam` reports it, with the 禁忌肢 limit it was judged by. */
export type ReportExam = ExamSummary & { readonly maxKinki: number };

/** A question a run got wrong although most examinees got it right. */
export interface ReportMiss {
  readonly id: string;
  readonly category: string | undefined;
  /** Share of examinees answering correctly, 0–1. */
  readonly humanAccuracy: number;
  readonly verdict: Verdict;
  readonly extracted: readonly string[] | null;
  readonly key: readonly string[];
}

/** What the report says about one run; every number is re-scored from the run's log. */
export interface ReportRun {
  readonly id: string;
  readonly label: string;
  readonly directory: string;
  readonly benchmark: string;
  readonly benchmarkTitle: string;
  readonly benchmarkVersion: string;
  readonly kind: 'eval' | 'score';
  readonly model: string;
  /** The prompt mode, with `+likelihood` when answers were picked by option likelihood; a column of Table 1. */
  readonly mode: string;
  /** The mode as tables call it (`3-shot`). */
  readonly modeName: string;
  readonly match: MatchMode;
  readonly startedAt: string | undefined;
  readonly finishedAt: string | undefined;
  /** Items with a sample-0 record in the log. */
  readonly items: number;
  /** Records that failed after every retry (counted as wrong). */
  readonly errors: number;
  readonly scoring: 'exam' | 'accuracy';
  /**
   * Accuracy as `kensa eval` and `kensa score` print it, with its Wilson 95 % interval: for exam benchmarks on
   * the exam scoring's basis (the paper's: all questions, 0-point ones included), else over the counted items.
   */
  readonly accuracy: number;
  readonly accuracyCi95: [number, number];
  readonly n: number;
  /** The accuracy's numerator (on `all-questions`, 0-point questions answered with their key count). */
  readonly correct: number;
  /** Exam benchmarks: which questions the accuracy counts. */
  readonly accuracyBasis?: AccuracyBasis;
  readonly unparsed: number;
  readonly missing: number;
  /** Likelihood scoring: accuracy of the option with the best per-token mean log-probability. */
  readonly normAccuracy?: number;
  readonly normCi95?: [number, number];
  /** Exam benchmarks: mean score over the exams present, with a seeded bootstrap 95 % interval. */
  readonly meanScore?: number;
  readonly meanScoreCi95?: [number, number];
  readonly examsPassed?: number;
  readonly exams?: readonly ReportExam[];
  readonly categories: readonly GroupAccuracy[];
  readonly verdictMismatches: number;
  readonly misses: readonly ReportMiss[];
}

/** The seed's Table 1 for one exam benchmark: a row per model, a column per prompt mode; cells are run ids. */
export interface ExamTable {
  readonly benchmark: string;
  readonly title: string;
  readonly modes: readonly string[];
  readonly rows: readonly { readonly label: string; readonly cells: Readonly<Record<string, string>> }[];
}

/** The seed's Table 3: a row per model and mode, a column per accuracy benchmark; cells are run ids. */
export interface AccuracyTable {
  readonly benchmarks: readonly { readonly id: string; readonly title: string }[];
  readonly rows: readonly {
    readonly label: string;
    readonly mode: string;
    readonly cells: Readonly<Record<string, string>>;
  }[];
}

/** A question as the per-question table shows it. */
export interface QuestionItem {
  readonly id: string;
  readonly exam?: string;
  readonly year?: number;
  readonly section?: string;
  readonly category?: string;
  readonly question: string;
  readonly context?: string;
  readonly choices: readonly string[];
  readonly answer: readonly string[];
  readonly points?: number;
  readonly kinki?: readonly string[];
  /** 0–1. */
  readonly humanAccuracy?: number;
  readonly hasImage?: boolean;
}

/** One run's answer to one question. */
export interface QuestionRow {
  readonly id: string;
  readonly verdict: Verdict;
  readonly note: string;
  readonly earned: number;
  readonly possible: number;
  /** The prompt's last message when the run shares one prefix (see `promptPrefix`), else the whole prompt. */
  readonly prompt?: string;
  /** The raw reply; for prediction files, the file's `prediction`. */
  readonly reply?: string;
  readonly reasoning?: string;
  /** Prediction files: the file's `explanation`. */
  readonly explanation?: string;
  readonly extracted: readonly string[] | null;
  readonly error?: string;
}

export interface ReportQuestions {
  readonly items: Readonly<Record<string, QuestionItem>>;
  readonly runs: Readonly<Record<string, readonly QuestionRow[]>>;
  /** The messages every prompt of a run begins with (system message, few-shot examples), stored once. */
  readonly promptPrefix: Readonly<Record<string, readonly ChatMessage[]>>;
}

export interface ReportModel {
  readonly formatVersion: 1;
  readonly kensaVersion: string;
  readonly generatedAt: string;
  readonly bootstrap: { readonly samples: number; readonly seed: number };
  /** Examinees count as "most" above this share when listing questions a model missed. */
  readonly missThreshold: number;
  readonly runs: readonly ReportRun[];
  readonly examTables: readonly ExamTable[];
  readonly accuracyTable: AccuracyTable;
  readonly warnings: readonly string[];
  readonly questions: ReportQuestions;
}

export interface ReportModelOptions {
  readonly generatedAt?: string;
  readonly bootstrapSamples?: number;
  readonly seed?: number;
  readonly missThreshold?: number;
}

/** Prompt modes in the seed's column order; others follow in order of appearance. */
const modeOrder = ['3shot', '3shot-explain', '0shot'];

function orderModes(modes: Iterable<string>): string[] {
  const unique = [...new Set(modes)];
  const rank = (mode: string) => {
    const index = modeOrder.indexOf(mode.split('+')[0] ?? mode);
    return index < 0 ? modeOrder.length : index;
  };
  return unique
    .map((mode, index) => ({ mode, index }))
    .sort((a, b) => rank(a.mode) - rank(b.mode) || a.index - b.index)
    .map(({ mode }) => mode);
}

/** A run's prompt mode, told apart from the same mode scored by likelihood. */
function runMode(run: LoadedRun): string {
  return run.manifest.method === 'likelihood' ? `${run.manifest.mode}+likelihood` : run.manifest.mode;
}

function misses(run: LoadedRun, itemsById: ReadonlyMap<string, Item>, threshold: number): ReportMiss[] {
  const found: ReportMiss[] = [];
  for (const score of run.scores) {
    const item = itemsById.get(score.id);
    if (item?.humanAccuracy === undefined || !score.counted || score.correct) continue;
    const humanAccuracy = item.humanAccuracy / 100;
    if (humanAccuracy <= threshold) continue;
    found.push({
      id: score.id,
      category: item.category,
      humanAccuracy,
      verdict: score.verdict,
      extracted: score.extracted ?? null,
      key: item.answer,
    });
  }
  return found.sort((a, b) => b.humanAccuracy - a.humanAccuracy || a.id.localeCompare(b.id));
}

/** The run's accuracy from its scoring, so the report says what `kensa eval` and `kensa score` said. */
function runAccuracy(
  result: RunResult,
): Pick<ReportRun, 'accuracy' | 'accuracyCi95' | 'n' | 'correct' | 'accuracyBasis'> {
  if (result.kind === 'exam') {
    const { accuracy, accuracyCorrect, n, accuracyBasis } = result.report;
    return {
      accuracy,
      accuracyCi95: wilsonInterval(accuracyCorrect, n),
      n,
      correct: accuracyCorrect,
      accuracyBasis,
    };
  }
  const { accuracy, ci95, n, correct } = result.report;
  return { accuracy, accuracyCi95: ci95, n, correct };
}

function summarizeRun(
  run: LoadedRun,
  id: string,
  options: Required<Omit<ReportModelOptions, 'generatedAt'>>,
): ReportRun {
  const itemsById = new Map(run.items.map((item) => [item.id, item]));
  const errors = [...run.records.values()].filter((record) => record.status === 'error').length;
  const base = {
    id,
    label: run.label,
    directory: run.directory,
    benchmark: run.benchmark.id,
    benchmarkTitle: run.benchmark.title,
    benchmarkVersion: run.manifest.benchmarkVersion,
    kind: run.manifest.kind,
    model: run.manifest.model,
    mode: runMode(run),
    modeName: modeName(runMode(run)),
    match: run.manifest.match,
    startedAt: run.manifest.startedAt,
    finishedAt: run.manifest.finishedAt,
    items: run.items.length,
    errors,
    ...runAccuracy(run.result),
    unparsed: run.scores.filter((score) => score.verdict === 'unparsed').length,
    missing: run.scores.filter((score) => score.verdict === 'missing').length,
    categories: run.result.report.categories,
    verdictMismatches: run.verdictMismatches.length,
    misses: misses(run, itemsById, options.missThreshold),
  };
  const scoring = run.benchmark.scoring;
  if (run.result.kind === 'accuracy' || scoring.kind !== 'exam') {
    const report = run.result.kind === 'accuracy' ? run.result.report : undefined;
    return {
      ...base,
      scoring: 'accuracy',
      ...(report?.normAccuracy === undefined
        ? {}
        : { normAccuracy: report.normAccuracy, normCi95: report.normCi95 ?? [Number.NaN, Number.NaN] }),
    };
  }

  const report = run.result.report;
  const units = examUnits(report.scores, examOfId(run.benchmark, run.items));
  const meanScoreCi95 = meanExamScoreInterval(units, {
    samples: options.bootstrapSamples,
    seed: options.seed,
  });
  return {
    ...base,
    scoring: 'exam',
    meanScore: report.meanScore,
    meanScoreCi95,
    examsPassed: report.exams.filter((exam) => exam.passed).length,
    exams: report.exams.map((exam) => ({
      ...exam,
      maxKinki: scoring.rules.find((rules) => rules.exam === exam.exam)?.maxKinki ?? Number.NaN,
    })),
  };
}

function examTables(runs: readonly ReportRun[]): ExamTable[] {
  const tables = new Map<string, { title: string; runs: ReportRun[] }>();
  for (const run of runs.filter((candidate) => candidate.scoring === 'exam')) {
    const table = tables.get(run.benchmark) ?? { title: run.benchmarkTitle, runs: [] };
    table.runs.push(run);
    tables.set(run.benchmark, table);
  }
  return [...tables.entries()].map(([benchmark, table]) => {
    const rows: { label: string; cells: Record<string, string> }[] = [];
    for (const run of table.runs) {
      let row = rows.find((candidate) => candidate.label === run.label && !(run.mode in candidate.cells));
      if (row === undefined) {
        row = { label: run.label, cells: {} };
        rows.push(row);
      }
      row.cells[run.mode] = run.id;
    }
    return { benchmark, title: table.title, modes: orderModes(table.runs.map((run) => run.mode)), rows };
  });
}

function accuracyTable(runs: readonly ReportRun[]): AccuracyTable {
  const benchmarks: { id: string; title: string }[] = [];
  const rows: { label: string; mode: string; cells: Record<string, string> }[] = [];
  for (const run of runs.filter((candidate) => candidate.scoring === 'accuracy')) {
    if (!benchmarks.some((benchmark) => benchmark.id === run.benchmark))
      benchmarks.push({ id: run.benchmark, title: run.benchmarkTitle });
    let row = rows.find(
      (candidate) =>
        candidate.label === run.label && candidate.mode === run.mode && !(run.benchmark in candidate.cells),
    );
    if (row === undefined) {
      row = { label: run.label, mode: run.mode, cells: {} };
      rows.push(row);
    }
    row.cells[run.benchmark] = run.id;
  }
  return { benchmarks, rows };
}

/** A passage the question is about, for benchmarks whose items have one (PubMedQA's abstract). */
function contextOf(item: Item): { context?: string } {
  const context = (item as { context?: unknown }).context;
  return typeof context === 'string' ? { context } : {};
}

function questionItem(item: Item): QuestionItem {
  return {
    id: item.id,
    ...(item.exam === undefined ? {} : { exam: item.exam }),
    ...(item.year === undefined ? {} : { year: item.year }),
    ...(item.section === undefined ? {} : { section: item.section }),
    ...(item.category === undefined ? {} : { category: item.category }),
    question: item.question,
    ...contextOf(item),
    choices: item.choices,
    answer: item.answer,
    ...(item.points === undefined ? {} : { points: item.points }),
    ...(item.kinki === undefined || item.kinki.length === 0 ? {} : { kinki: item.kinki }),
    ...(item.humanAccuracy === undefined ? {} : { humanAccuracy: item.humanAccuracy / 100 }),
    ...(item.hasImage ? { hasImage: true } : {}),
  };
}

/** The messages before the last, when every record of the run has the same ones. */
function sharedPrefix(run: LoadedRun): readonly ChatMessage[] | undefined {
  let messages: readonly ChatMessage[] | undefined;
  for (const record of run.records.values()) {
    if (record.messages === undefined || record.messages.length < 2) return undefined;
    const candidate = record.messages.slice(0, -1);
    if (messages === undefined) messages = candidate;
    else if (!sameMessages(messages, candidate)) return undefined;
  }
  return messages;
}

function sameMessages(a: readonly ChatMessage[], b: readonly ChatMessage[]): boolean {
  return (
    a.length === b.length &&
    a.every((message, index) => {
      const other = b[index] as ChatMessage;
      return (
        message.role === other.role &&
        message.content === other.content &&
        JSON.stringify(message.images) === JSON.stringify(other.images)
      );
    })
  );
}

function questionRows(run: LoadedRun, prefix: readonly ChatMessage[] | undefined): QuestionRow[] {
  return run.scores.map((score) => {
    const record = run.records.get(score.id);
    const messages = record?.messages;
    const prompt =
      messages === undefined || messages.length === 0
        ? undefined
        : prefix === undefined
          ? messagesToText(messages)
          : messages.at(-1)?.content;
    return {
      id: score.id,
      verdict: score.verdict,
      note: score.note,
      earned: score.earned,
      possible: score.possible,
      ...(prompt === undefined ? {} : { prompt }),
      ...(record?.reply === undefined ? {} : { reply: truncateForReport(record.reply.text) }),
      ...(record?.reply?.reasoning ? { reasoning: truncateForReport(record.reply.reasoning) } : {}),
      ...(record?.explanation === undefined ? {} : { explanation: truncateForReport(record.explanation) }),
      extracted: score.extracted ?? null,
      ...(record?.error === undefined ? {} : { error: truncateForReport(record.error) }),
    };
  });
}

/**
 * Builds what `kensa report` shows from re-scored runs: Table 1 (exam benchmarks) and Table 3 (accuracy
 * benchmarks) with intervals, per-exam results against pass lines, per-category accuracy beside the
 * examinees', questions missed that most examinees got right, and every answer.
 */
export function buildReportModel(runs: readonly LoadedRun[], options: ReportModelOptions = {}): ReportModel {
  const settings = {
    bootstrapSamples: options.bootstrapSamples ?? 2000,
    seed: options.seed ?? 0,
    missThreshold: options.missThreshold ?? 0.5,
  };
  const reportRuns = runs.map((run, index) => summarizeRun(run, `run-${index + 1}`, settings));
  const items: Record<string, QuestionItem> = {};
  const rows: Record<string, QuestionRow[]> = {};
  const promptPrefix: Record<string, readonly ChatMessage[]> = {};
  runs.forEach((run, index) => {
    const id = `run-${index + 1}`;
    for (const item of run.items) items[`${run.benchmark.id}/${item.id}`] ??= questionItem(item);
    const prefix = sharedPrefix(run);
    if (prefix !== undefined) promptPrefix[id] = prefix;
    rows[id] = questionRows(run, prefix);
  });
  return {
    formatVersion: 1,
    kensaVersion: KENSA_VERSION,
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    bootstrap: { samples: settings.bootstrapSamples, seed: settings.seed },
    missThreshold: settings.missThreshold,
    runs: reportRuns,
    examTables: examTables(reportRuns),
    accuracyTable: accuracyTable(reportRuns),
    warnings: runs.flatMap((run) => run.warnings),
    questions: { items, runs: rows, promptPrefix },
  };
}

/** The `--json` document: everything but the per-question data, which only the HTML file carries. */
export function reportSummaryJson(model: ReportModel, html: string | undefined) {
  const { questions: _questions, ...summary } = model;
  return { ...summary, ...(html === undefined ? {} : { html }) };
}
