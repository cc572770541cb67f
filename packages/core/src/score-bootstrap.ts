import { nextSeededState, seededUnit } from './seeded-random';
import { type BootstrapOptions, quantile } from './statistics';

/** Points per question for a bootstrap of exam scores: what was earned out of what was possible. */
export interface PointsUnit {
  /** The exam sitting the question belongs to; questions are resampled within it. */
  readonly exam: string;
  readonly earned: number;
  readonly possible: number;
}

interface Strata {
  /** Stratum members, concatenated in order of first appearance. */
  readonly members: Int32Array;
  /** Where each stratum starts in `members`; one more entry than strata. */
  readonly starts: Int32Array;
}

function groupByExam(units: readonly PointsUnit[]): Strata {
  const groups = new Map<string, number[]>();
  units.forEach((unit, index) => {
    const group = groups.get(unit.exam);
    if (group === undefined) groups.set(unit.exam, [index]);
    else group.push(index);
  });
  const members = new Int32Array(units.length);
  const starts = new Int32Array(groups.size + 1);
  let offset = 0;
  let stratum = 0;
  for (const group of groups.values()) {
    starts[stratum++] = offset;
    for (const index of group) members[offset++] = index;
  }
  starts[stratum] = offset;
  return { members, starts };
}

function percentileInterval(values: Float64Array, confidence: number): [number, number] {
  values.sort();
  const tail = (1 - confidence) / 2;
  const sorted = values as unknown as readonly number[];
  return [quantile(sorted, tail), quantile(sorted, 1 - tail)];
}

/**
 * Seeded percentile-bootstrap interval of the mean exam score over the exams in `units`. Questions are resampled
 * with replacement within their exam (exams in order of first appearance, one `floor(random() · size)` draw per
 * question from one `seededRandom(seed)` stream (its steps inlined), as `stratifiedBootstrapInterval` draws), and each exam's share
 * of the points possible in the resample is scaled to the exam's real total, so a resample never leaves
 * [0, total]; on the original questions the statistic is exactly the mean score.
 *
 * It computes the same numbers as `stratifiedBootstrapInterval` with that statistic, on typed arrays and without
 * building a resample, which is what makes 2,000 resamples of 2,000 questions cheap enough for every run.
 */
export function meanExamScoreInterval(
  units: readonly PointsUnit[],
  options: BootstrapOptions = {},
): [number, number] {
  if (units.length === 0) return [Number.NaN, Number.NaN];
  const samples = options.samples ?? 2000;
  let state = (options.seed ?? 0) >>> 0;
  const { members, starts } = groupByExam(units);
  const exams = starts.length - 1;
  // Points in stratum order, so a draw indexes them directly.
  const earned = Float64Array.from(members, (index) => (units[index] as PointsUnit).earned);
  const possible = Float64Array.from(members, (index) => (units[index] as PointsUnit).possible);
  const totals = new Float64Array(exams);
  for (let exam = 0; exam < exams; exam++) {
    let total = 0;
    for (let at = starts[exam] as number; at < (starts[exam + 1] as number); at++)
      total += possible[at] as number;
    totals[exam] = total;
  }

  const values = new Float64Array(samples);
  for (let sample = 0; sample < samples; sample++) {
    let score = 0;
    for (let exam = 0; exam < exams; exam++) {
      const start = starts[exam] as number;
      const size = (starts[exam + 1] as number) - start;
      let earnedSum = 0;
      let possibleSum = 0;
      for (let draw = 0; draw < size; draw++) {
        state = nextSeededState(state);
        const index = start + Math.floor(seededUnit(state) * size);
        earnedSum += earned[index] as number;
        possibleSum += possible[index] as number;
      }
      const total = totals[exam] as number;
      if (possibleSum === total) score += earnedSum;
      else if (possibleSum > 0) score += (earnedSum / possibleSum) * total;
    }
    values[sample] = score / exams;
  }
  return percentileInterval(values, options.confidence ?? 0.95);
}

/**
 * Seeded percentile-bootstrap interval of one exam's score: questions are resampled with replacement (the draws
 * of `bootstrapInterval`) and the share of points earned is scaled to `total`, so the interval never leaves
 * [0, total]. The same numbers as `bootstrapInterval` with that statistic, on typed arrays.
 */
export function examScoreInterval(
  scores: readonly { readonly earned: number; readonly possible: number }[],
  total: number,
  options: BootstrapOptions = {},
): [number, number] {
  const n = scores.length;
  if (n === 0) return [Number.NaN, Number.NaN];
  const samples = options.samples ?? 2000;
  let state = (options.seed ?? 0) >>> 0;
  const earned = Float64Array.from(scores, (score) => score.earned);
  const possible = Float64Array.from(scores, (score) => score.possible);
  const values = new Float64Array(samples);
  for (let sample = 0; sample < samples; sample++) {
    let earnedSum = 0;
    let possibleSum = 0;
    for (let draw = 0; draw < n; draw++) {
      state = nextSeededState(state);
      const index = Math.floor(seededUnit(state) * n);
      earnedSum += earned[index] as number;
      possibleSum += possible[index] as number;
    }
    values[sample] = possibleSum === 0 ? 0 : (earnedSum / possibleSum) * total;
  }
  return percentileInterval(values, options.confidence ?? 0.95);
}
