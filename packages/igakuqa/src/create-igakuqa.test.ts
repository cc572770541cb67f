// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { matchPredictions, scoreExams } from '@kensa/core';
import { readSharedSources } from '@kensa/test-support';
import { describe, expect, it } from 'vitest';
import { createIgakuQA, igakuqa } from './index';

const items = igakuqa.parse(readSharedSources(igakuqa.sources));

function scorePublished(name: string) {
  const sources = igakuqa.predictions.published.sources(name);
  const contents = readSharedSources(sources);
  const predictions = sources.flatMap((file) =>
    igakuqa.predictions.parse(contents.get(file.path) ?? '', file.path),
  );
  return scoreExams({
    benchmark: 'igakuqa',
    rules: igakuqa.scoring.rules,
    examOf: igakuqa.scoring.examOf,
    items,
    answers: matchPredictions(items, predictions),
    match: igakuqa.predictions.match,
  });
}

describe('igakuqa on the shared mirror', () => {
  it('parses all 2,000 questions with the counts in SOURCE.md', () => {
    expect(items).toHaveLength(2000);
    expect(items.filter((item) => !item.hasImage)).toHaveLength(1471);
    expect(items.filter((item) => item.kind === 'numeric')).toHaveLength(12);
    expect(items.filter((item) => item.kind === 'choice' && item.answer.length > 1)).toHaveLength(298);
    expect(items.filter((item) => item.points === 0)).toHaveLength(11);
  });

  it('derives from the stem the number of choices to pick, equal to the key size for every choice question', () => {
    const choice = items.filter((item) => item.kind === 'choice');
    const mismatched = choice.filter((item) => item.choose !== item.answer.length).map((item) => item.id);
    expect(mismatched).toEqual([]);
    expect(choice).toHaveLength(1988);
  });

  it('reproduces the published student-majority scores', () => {
    const report = scorePublished('student-majority');
    expect(report.exams.map((exam) => `${exam.score}/${exam.total}`)).toEqual([
      '472/499',
      '470/496',
      '471/496',
      '477/500',
      '482/494',
    ]);
    expect(report.meanScore).toBeCloseTo(474.4, 10);
    expect(report.exams.map((exam) => exam.passed)).toEqual([true, true, true, true, true]);
  });

  it('reproduces the published gpt3 scores, failing every year', () => {
    const report = scorePublished('gpt3');
    expect(report.exams.map((exam) => `${exam.score}/${exam.total}`)).toEqual([
      '209/499',
      '210/496',
      '208/496',
      '203/500',
      '217/494',
    ]);
    expect(report.meanScore).toBeCloseTo(209.4, 10);
    expect(report.exams.map((exam) => exam.passed)).toEqual([false, false, false, false, false]);
  });

  it('selects years, blocks and text-only questions', () => {
    const selected = createIgakuQA({ years: [2019], blocks: ['B', 'E'], excludeImages: true });
    expect(selected.sources.map((file) => file.path)).toContain('data/2019/113-E_metadata.jsonl');
    const chosen = selected.parse(readSharedSources(selected.sources));
    expect(new Set(chosen.map((item) => `${item.exam}${item.block}`))).toEqual(new Set(['113B', '113E']));
    expect(chosen.every((item) => !item.hasImage)).toBe(true);
  });
});
