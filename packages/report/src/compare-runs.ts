import { mcnemarExact, mcnemarExactLog10, pairedBootstrap } from '@kensa/core';
import { type ExamUnit, examOfId, examUnits, meanExamScore, unitAccuracy } from './exam-resample';
import { type LoadedRun, scoreRun } from './load-run';
import { ReportInputError } from './report-error';

export interface CompareSettings {
  /** Bootstrap resamples; 2,000 by default. */
  readonly samples?: number;
  readonly seed?: number;
}

export interface ComparedRun {
  readonly label: string;
  readonly directory: string;
  readonly model: string;
  readonly mode: string;
  readonly match: string;
}

/** A difference A − B with its paired bootstrap 95 % interval. */
export interface PairedDifference {
  readonly a: number;
  readonly b: number;
  readonly difference: number;
  readonly ci95: [number, number];
}

/** An item one run got right and the other wrong, with what each answered. */
export interface DiscordantItem {
  readonly id: string;
  readonly a: readonly string[] | null;
  readonly b: readonly string[] | null;
  readonly key: readonly string[];
}

export interface RunComparison {
  readonly benchmark: string;
  readonly benchmarkTitle: string;
  readonly a: ComparedRun;
  readonly b: ComparedRun;
  /** Items both runs answered (a sample-0 record in both logs). */
  readonly shared: number;
  /** Shared items counted in accuracy by both (excluded questions are not). */
  readonly counted: number;
  readonly onlyInA: number;
  readonly onlyInB: number;
  readonly accuracy: PairedDifference;
  /** Exam benchmarks: mean exam score over the exams present. */
  readonly meanScore?: PairedDifference;
  readonly exams?: readonly (PairedDifference & { readonly exam: string; readonly total: number })[];
  /** McNemar's exact test on the counted shared items: `b` only A right, `c` only B right. */
  readonly mcnemar: {
    readonly b: number;
    readonly c: number;
    readonly pValue: number;
    readonly log10PValue: number;
  };
  readonly bootstrap: { readonly samples: number; readonly seed: number; readonly strata: 'exam' | 'none' };
  /** Counted shared items A got right and B wrong. */
  readonly aOnly: readonly DiscordantItem[];
  /** Counted shared items B got right and A wrong. */
  readonly bOnly: readonly DiscordantItem[];
}

function comparedRun(run: LoadedRun): ComparedRun {
  return {
    label: run.label,
    directory: run.directory,
    model: run.manifest.model,
    mode: run.manifest.mode,
    match: run.manifest.match,
  };
}

/**
 * Compares two runs of one benchmark on the items both answered: each run is re-scored on those items only, then
 * the accuracy and (for exams) mean-score differences get a paired bootstrap interval — the same items drawn for
 * both runs, within each exam — and the right/wrong disagreements McNemar's exact test.
 */
export function compareRuns(runA: LoadedRun, runB: LoadedRun, settings: CompareSettings = {}): RunComparison {
  if (runA.benchmark.id !== runB.benchmark.id) {
    throw new ReportInputError(
      `Cannot compare a run of '${runA.benchmark.id}' with a run of '${runB.benchmark.id}'; compare runs of one benchmark.`,
    );
  }
  const benchmark = runA.benchmark;
  const samples = settings.samples ?? 2000;
  const seed = settings.seed ?? 0;
  const items = runA.items.filter((item) => runB.records.has(item.id));
  if (items.length === 0) {
    throw new ReportInputError(
      `The runs share no answered item (${runA.directory}: ${runA.items.length}, ${runB.directory}: ${runB.items.length}).`,
    );
  }
  const resultA = scoreRun(benchmark, items, runA.records, runA.manifest.match);
  const resultB = scoreRun(benchmark, items, runB.records, runB.manifest.match);
  const examOf = examOfId(benchmark, items);
  const byIdB = new Map(resultB.report.scores.map((score) => [score.id, score]));
  // Both sides in A's score order, which scoreExams sorts by exam.
  const scoresA = resultA.report.scores;
  const scoresB = scoresA.map((score) => byIdB.get(score.id));
  if (scoresB.some((score) => score === undefined))
    throw new Error('Re-scoring the shared items gave the two runs different items.');
  const unitsA = examUnits(scoresA, examOf);
  const unitsB = examUnits(scoresB as NonNullable<(typeof scoresB)[number]>[], examOf);
  const isExam = resultA.kind === 'exam';
  const strata = isExam ? unitsA.map((unit) => unit.exam) : undefined;
  const options = { samples, seed, ...(strata === undefined ? {} : { strata }) };

  const bothCounted = unitsA.map((unit, index) => unit.counted && (unitsB[index] as ExamUnit).counted);
  const countedA = unitsA.filter((_, index) => bothCounted[index]);
  const countedB = unitsB.filter((_, index) => bothCounted[index]);
  const accuracyBootstrap = pairedBootstrap(countedA, countedB, unitAccuracy, {
    samples,
    seed,
    ...(strata === undefined ? {} : { strata: countedA.map((unit) => unit.exam) }),
  });
  const accuracy = {
    a: unitAccuracy(countedA),
    b: unitAccuracy(countedB),
    difference: accuracyBootstrap.difference,
    ci95: accuracyBootstrap.interval,
  };

  const keys = new Map(items.map((item) => [item.id, item.answer]));
  const extractedA = new Map(scoresA.map((score) => [score.id, score.extracted ?? null]));
  const extractedB = new Map(resultB.report.scores.map((score) => [score.id, score.extracted ?? null]));
  const discordant = (first: readonly ExamUnit[], second: readonly ExamUnit[]) =>
    first
      .filter((unit, index) => unit.correct && !(second[index] as ExamUnit).correct)
      .map((unit) => ({
        id: unit.id,
        a: extractedA.get(unit.id) ?? null,
        b: extractedB.get(unit.id) ?? null,
        key: keys.get(unit.id) ?? [],
      }));
  const aOnly = discordant(countedA, countedB);
  const bOnly = discordant(countedB, countedA);

  let meanScore: PairedDifference | undefined;
  let exams: RunComparison['exams'];
  if (isExam) {
    const scoreBootstrap = pairedBootstrap(unitsA, unitsB, meanExamScore, options);
    meanScore = {
      a: meanExamScore(unitsA),
      b: meanExamScore(unitsB),
      difference: scoreBootstrap.difference,
      ci95: scoreBootstrap.interval,
    };
    exams = [...new Set(unitsA.map((unit) => unit.exam))].map((exam) => {
      const examA = unitsA.filter((unit) => unit.exam === exam);
      const examB = unitsB.filter((unit) => unit.exam === exam);
      const result = pairedBootstrap(examA, examB, meanExamScore, { samples, seed });
      return {
        exam,
        total: examA[0]?.examTotal ?? 0,
        a: meanExamScore(examA),
        b: meanExamScore(examB),
        difference: result.difference,
        ci95: result.interval,
      };
    });
  }

  return {
    benchmark: benchmark.id,
    benchmarkTitle: benchmark.title,
    a: comparedRun(runA),
    b: comparedRun(runB),
    shared: items.length,
    counted: countedA.length,
    onlyInA: runA.items.length - items.length,
    onlyInB: runB.items.filter((item) => !runA.records.has(item.id)).length,
    accuracy,
    ...(meanScore === undefined ? {} : { meanScore }),
    ...(exams === undefined ? {} : { exams }),
    mcnemar: {
      b: aOnly.length,
      c: bOnly.length,
      pValue: mcnemarExact(aOnly.length, bOnly.length),
      log10PValue: mcnemarExactLog10(aOnly.length, bOnly.length),
    },
    bootstrap: { samples, seed, strata: strata === undefined ? 'none' : 'exam' },
    aOnly,
    bOnly,
  };
}
