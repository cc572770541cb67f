import { describe, expect, it } from 'vitest';
import { stratifiedBootstrapInterval } from './paired-statistics';
import { examScoreInterval, meanExamScoreInterval, type PointsUnit } from './score-bootstrap';
import { seededRandom } from './seeded-random';
import { bootstrapInterval } from './statistics';

/** Questions worth 1 or 3 points (IgakuQA's 必修 clinical questions count 3), about 60 % earned. */
function units(exams: readonly string[], perExam: number, seed: number): PointsUnit[] {
  const random = seededRandom(seed);
  return exams.flatMap((exam) =>
    Array.from({ length: perExam }, () => {
      const possible = random() < 0.2 ? 3 : 1;
      return { exam, possible, earned: random() < 0.6 ? possible : 0 };
    }),
  );
}

/** The statistic written out plainly, as the report computed it before: mean over exams of share × total. */
function meanExamScore(resample: readonly PointsUnit[], totals: Map<string, number>): number {
  const sums = new Map<string, { earned: number; possible: number }>();
  for (const unit of resample) {
    const sum = sums.get(unit.exam) ?? { earned: 0, possible: 0 };
    sum.earned += unit.earned;
    sum.possible += unit.possible;
    sums.set(unit.exam, sum);
  }
  let score = 0;
  for (const [exam, sum] of sums) {
    const total = totals.get(exam) ?? 0;
    if (sum.possible === total) score += sum.earned;
    else if (sum.possible > 0) score += (sum.earned / sum.possible) * total;
  }
  return score / sums.size;
}

describe('meanExamScoreInterval', () => {
  it('gives exactly the interval of the generic stratified bootstrap with the same seed', () => {
    // Exams interleaved, so the order of first appearance matters.
    const data = units(['112', '113', '114'], 40, 7).sort((a, b) => a.earned - b.earned);
    const totals = new Map<string, number>();
    for (const unit of data) totals.set(unit.exam, (totals.get(unit.exam) ?? 0) + unit.possible);
    for (const options of [{ seed: 0, samples: 300 }, { seed: 11, samples: 257, confidence: 0.9 }, {}]) {
      const generic = stratifiedBootstrapInterval(data, (resample) => meanExamScore(resample, totals), {
        ...options,
        strata: data.map((unit) => unit.exam),
      });
      expect(meanExamScoreInterval(data, options)).toEqual(generic);
    }
  });

  it('holds the mean score when every question scores the same, and is NaN without questions', () => {
    const all = [
      { exam: 'a', earned: 1, possible: 1 },
      { exam: 'b', earned: 3, possible: 3 },
    ];
    // Exam a always 1/1, exam b always 3/3: mean (1 + 3) / 2.
    expect(meanExamScoreInterval(all, { samples: 50 })).toEqual([2, 2]);
    expect(meanExamScoreInterval([]).every(Number.isNaN)).toBe(true);
  });
});

describe('examScoreInterval', () => {
  it('gives exactly the interval of bootstrapInterval with the share-of-total statistic', () => {
    const data = units(['112'], 120, 3);
    const total = data.reduce((sum, unit) => sum + unit.possible, 0);
    const share = (resample: readonly PointsUnit[]) => {
      const possible = resample.reduce((sum, unit) => sum + unit.possible, 0);
      return possible === 0 ? 0 : (resample.reduce((sum, unit) => sum + unit.earned, 0) / possible) * total;
    };
    for (const options of [{ seed: 0 }, { seed: 5, samples: 101, confidence: 0.8 }]) {
      expect(examScoreInterval(data, total, options)).toEqual(bootstrapInterval(data, share, options));
    }
  });

  it('scores 0 for a resample with no points possible', () => {
    expect(examScoreInterval([{ earned: 0, possible: 0 }], 0, { samples: 10 })).toEqual([0, 0]);
  });
});
