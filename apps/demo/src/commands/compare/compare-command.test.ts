// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import path from 'node:path';
import { seededRandom } from '@kensa/core';
import { igakuqa } from '@kensa/igakuqa';
import { readSharedSources } from '@kensa/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main';
import { captureIo } from '../../test-io';
import { baselineFiles, dataDir, readLog, runCli, scoreRun, temporaryDir } from '../../test-runs';
import { formatPValue } from './compare-command';

let studentMajority: string;
let gpt3: string;

beforeAll(async () => {
  const root = await temporaryDir('kensa-compare-');
  studentMajority = await scoreRun(
    await baselineFiles('student-majority'),
    path.join(root, 'student-majority'),
  );
  gpt3 = await scoreRun(await baselineFiles('gpt3'), path.join(root, 'gpt3'));
});

// Independent computations, written out here rather than taken from the code under test.

/** log10 of McNemar's exact two-sided p-value, from the exact binomial sum in integers. */
function mcnemarLog10ByBigInt(b: number, c: number): number {
  const n = b + c;
  const m = Math.min(b, c);
  let coefficient = 1n;
  let sum = 0n;
  for (let k = 0; k <= m; k++) {
    sum += coefficient;
    coefficient = (coefficient * BigInt(n - k)) / BigInt(k + 1);
  }
  const twice = 2n * sum;
  // log10 of a big integer from its digits: the leading 17 digits and how many follow.
  const digits = twice.toString();
  const log10Twice = Math.log10(Number(digits.slice(0, 17))) + (digits.length - Math.min(17, digits.length));
  return Math.min(0, log10Twice - n * Math.log10(2));
}

/** numpy's default (linear) percentile of sorted values. */
function percentile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (position - low);
}

/**
 * A paired bootstrap with the documented draw order: strata (exams) in order of first appearance, each drawing
 * its own size of members with floor(random() · size), from one seededRandom(seed) stream.
 */
function pairedBootstrapByHand<T>(
  pairs: readonly { exam: string; a: T; b: T }[],
  statistic: (sample: readonly T[]) => number,
  samples: number,
  seed: number,
): [number, number] {
  const exams: string[] = [];
  for (const pair of pairs) if (!exams.includes(pair.exam)) exams.push(pair.exam);
  const members = exams.map((exam) => pairs.filter((pair) => pair.exam === exam));
  const random = seededRandom(seed);
  const differences: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const drawn: { a: T; b: T }[] = [];
    for (const group of members) {
      for (let draw = 0; draw < group.length; draw++) {
        drawn.push(group[Math.floor(random() * group.length)] as { a: T; b: T });
      }
    }
    differences.push(statistic(drawn.map((pair) => pair.a)) - statistic(drawn.map((pair) => pair.b)));
  }
  differences.sort((x, y) => x - y);
  return [percentile(differences, 0.025), percentile(differences, 0.975)];
}

describe('kensa compare', () => {
  it("reports the baselines' difference with intervals and a p-value that match an independent computation", async () => {
    const io = await runCli([
      'compare',
      studentMajority,
      gpt3,
      '--data-dir',
      dataDir,
      '--json',
      '--resamples',
      '500',
    ]);
    const result = JSON.parse(io.out());
    expect(result.a.label).toBe('student-majority');
    expect(result.b.label).toBe('gpt3');
    expect(result.shared).toBe(2000);

    // The logs' verdicts, paired by item; excluded questions count for neither.
    const logA = await readLog(studentMajority);
    const verdictB = new Map((await readLog(gpt3)).map((line) => [line.itemId, line.verdict]));
    const pairs = logA
      .filter((line) => line.verdict !== 'excluded' && verdictB.get(line.itemId) !== 'excluded')
      .map((line) => ({
        id: line.itemId,
        exam: line.itemId.slice(0, 3),
        a: line.verdict === 'correct' ? 1 : 0,
        b: verdictB.get(line.itemId) === 'correct' ? 1 : 0,
      }));
    expect(result.counted).toBe(pairs.length);
    const onlyA = pairs.filter((pair) => pair.a === 1 && pair.b === 0).map((pair) => pair.id);
    const onlyB = pairs.filter((pair) => pair.a === 0 && pair.b === 1).map((pair) => pair.id);
    expect(result.mcnemar.b).toBe(onlyA.length);
    expect(result.mcnemar.c).toBe(onlyB.length);
    expect(result.aOnly.map((item: { id: string }) => item.id)).toEqual(onlyA);
    expect(result.bOnly.map((item: { id: string }) => item.id)).toEqual(onlyB);
    const log10P = mcnemarLog10ByBigInt(onlyA.length, onlyB.length);
    expect(result.mcnemar.log10PValue).toBeCloseTo(log10P, 8);
    expect(result.mcnemar.pValue / 10 ** log10P).toBeCloseTo(1, 8);
    expect(result.mcnemar.pValue).toBeLessThan(1e-100);

    const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const accuracyA = mean(pairs.map((pair) => pair.a));
    const accuracyB = mean(pairs.map((pair) => pair.b));
    expect(result.accuracy.a).toBeCloseTo(accuracyA, 12);
    expect(result.accuracy.difference).toBeCloseTo(accuracyA - accuracyB, 12);
    const [low, high] = pairedBootstrapByHand(pairs, mean, 500, 0);
    expect(result.accuracy.ci95[0]).toBeCloseTo(low, 12);
    expect(result.accuracy.ci95[1]).toBeCloseTo(high, 12);

    // The mean exam score: the published 474.4 − 209.4, and its interval rebuilt from the items' points.
    expect(result.meanScore.a).toBeCloseTo(474.4, 10);
    expect(result.meanScore.b).toBeCloseTo(209.4, 10);
    expect(result.meanScore.difference).toBeCloseTo(265, 10);
    const points = new Map(
      igakuqa.parse(readSharedSources(igakuqa.sources)).map((item) => [item.id, item.points ?? 1]),
    );
    const scored = (verdict: string | undefined, id: string) => ({
      earned: verdict === 'correct' ? (points.get(id) as number) : 0,
      possible: verdict === 'excluded' ? 0 : (points.get(id) as number),
    });
    const scorePairs = logA.map((line) => ({
      exam: line.itemId.slice(0, 3),
      a: { exam: line.itemId.slice(0, 3), ...scored(line.verdict, line.itemId) },
      b: { exam: line.itemId.slice(0, 3), ...scored(verdictB.get(line.itemId), line.itemId) },
    }));
    const totals = new Map<string, number>();
    for (const pair of scorePairs) totals.set(pair.exam, (totals.get(pair.exam) ?? 0) + pair.a.possible);
    const meanScore = (sample: readonly { exam: string; earned: number; possible: number }[]) => {
      const scores = [...totals.entries()].map(([exam, total]) => {
        const inExam = sample.filter((unit) => unit.exam === exam);
        const earned = inExam.reduce((sum, unit) => sum + unit.earned, 0);
        const possible = inExam.reduce((sum, unit) => sum + unit.possible, 0);
        return (earned / possible) * total;
      });
      return mean(scores);
    };
    const [scoreLow, scoreHigh] = pairedBootstrapByHand(scorePairs, meanScore, 500, 0);
    expect(result.meanScore.ci95[0]).toBeCloseTo(scoreLow, 8);
    expect(result.meanScore.ci95[1]).toBeCloseTo(scoreHigh, 8);
    expect(result.meanScore.ci95[0]).toBeLessThan(265);
    expect(result.meanScore.ci95[1]).toBeGreaterThan(265);
    expect(
      result.exams.map((exam: { exam: string; difference: number }) => [exam.exam, exam.difference]),
    ).toEqual([
      ['112', 472 - 209],
      ['113', 470 - 210],
      ['114', 471 - 208],
      ['115', 477 - 203],
      ['116', 482 - 217],
    ]);
    expect(result.bootstrap).toEqual({ samples: 500, seed: 0, strata: 'exam' });
  });

  it('prints the differences, the test and the disagreeing questions', async () => {
    const io = await runCli(['compare', studentMajority, gpt3, '--data-dir', dataDir]);
    const text = io.out();
    expect(text).toContain('2000 questions answered by both runs');
    expect(text).toMatch(/Mean score\s*│\s*474\.4\s*│\s*209\.4\s*│\s*\+265\.0/);
    expect(text).toMatch(
      /McNemar's exact test: A right & B wrong \d+, B right & A wrong \d+: p = \d\.\de-\d+/,
    );
    expect(text).toContain('B right, A wrong');
  });

  it('compares only the items both runs answered', async () => {
    const root = await temporaryDir('kensa-compare-');
    const files2019 = (await baselineFiles('gpt3')).filter((file) =>
      file.includes(`${path.sep}2019${path.sep}`),
    );
    const partial = await scoreRun(files2019, path.join(root, 'gpt3-2019'));
    const io = await runCli(['compare', studentMajority, partial, '--data-dir', dataDir, '--json']);
    const result = JSON.parse(io.out());
    expect(result.shared).toBe(400);
    expect(result.onlyInA).toBe(1600);
    expect(result.meanScore.a).toBe(470);
    expect(result.meanScore.b).toBe(210);
  });

  it('refuses two runs of different benchmarks or a missing folder (exit 2)', async () => {
    const io = captureIo();
    expect(await main(['compare', studentMajority, '/nonexistent/run', '--data-dir', dataDir], io)).toBe(2);
    expect(io.err()).toContain('/nonexistent/run');
  });
});

describe('formatPValue', () => {
  it('writes tiny p-values from their logarithm', () => {
    expect(formatPValue(0.0385742, Math.log10(0.0385742))).toBe('0.0386');
    expect(formatPValue(0, -293.85)).toBe('1.4e-294');
    expect(formatPValue(0, -300)).toBe('1.0e-300');
    expect(formatPValue(1, 0)).toBe('1.00');
  });
});
