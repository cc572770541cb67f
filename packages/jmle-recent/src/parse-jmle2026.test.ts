// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { renderExamPrompt, scoreItem } from '@kensa/core';
import { readSharedSources } from '@kensa/test-support';
import { describe, expect, it } from 'vitest';
import { jmle2026 } from './index';

const contents = readSharedSources(jmle2026.sources);
const items = jmle2026.parse(contents);
const item = (id: string) => {
  const found = items.find((entry) => entry.id === id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
};
const datasetPath = 'jmle2026_dataset.json';

function parseWith(change: (text: string) => string) {
  return () => jmle2026.parse(new Map([...contents, [datasetPath, change(contents.get(datasetPath) ?? '')]]));
}

describe('the 120th exam on the shared mirror', () => {
  it('has the counts of SOURCE.md', () => {
    expect(items).toHaveLength(400);
    expect(items.filter((entry) => entry.hasImage)).toHaveLength(98);
    expect(
      items.filter((entry) => entry.kind === 'numeric').map((entry) => [entry.id, entry.answer[0]]),
    ).toEqual([
      ['120A-74', '0.40'],
      ['120A-75', '315'],
      ['120D-75', '28'],
    ]);
    const choose = (count: number) =>
      items.filter((entry) => entry.kind === 'choice' && entry.choose === count);
    expect([choose(1).length, choose(2).length, choose(3).length]).toEqual([367, 28, 2]);
    expect(items.reduce((sum, entry) => sum + (entry.points ?? 1), 0)).toBe(500);
    expect(items.every((entry) => entry.kind === 'numeric' || entry.choices.length === 5)).toBe(true);
  });

  it('takes the choices out of the stem, including table rows', () => {
    expect(item('120A-1').question).toBe('胃癌に伴う消化管穿孔による汎発性腹膜炎の治療で適切なのはどれか。');
    expect(item('120A-1').choices[0]).toBe('緊急手術');
    expect(item('120F-14').choices[3]).toBe('30,000円 | 50% | 60,000円');
    expect(item('120F-14').question).not.toContain('|d|');
  });

  it('puts the shared case text of linked questions before each stem', () => {
    const first = item('120B-41');
    const second = item('120B-42');
    expect(first.question).toMatch(/^次の文を読み、41、42の問いに答えよ。/);
    expect(second.question.startsWith(first.question.split('\n\n')[0] ?? '-')).toBe(true);
    expect(first.question).toMatch(/頸部に認める所見はどれか。$/);
    expect(first.images).toEqual([{ path: 'images/120B-41-42_1.png', mediaType: 'image/png' }]);
  });

  it('reads a numeric question without its printed answer grid, with its boxes and rounding rule', () => {
    const numeric = item('120A-74');
    expect(numeric.question).toMatch(/解答:①\.②③g\/gCr$/);
    expect(numeric.numeric).toEqual({ decimals: 2, template: '①.②③g/gCr' });
    expect(scoreItem(numeric, '答え: 0.4', 'normalized').correct).toBe(true);
    expect(scoreItem(numeric, '答え: 040', 'normalized').correct).toBe(true);
    expect(scoreItem(numeric, '答え: 0.41', 'normalized').correct).toBe(false);
    expect(renderExamPrompt(numeric, '0shot', []).messages.at(-1)?.content).not.toContain('9　9　9');
  });

  it('fails naming the line of a group that disagrees or lacks a member', () => {
    const group = /"group_id": "120B-41-42",\s*"questions": \[\s*"120B-41",\s*"120B-42"\s*\]/;
    const listing = (members: string) => `"group_id": "120B-41-42", "questions": [${members}]`;
    const everywhere = new RegExp(group.source, 'g');
    expect(parseWith((text) => text.replace(everywhere, listing('"120B-41", "120B-42", "120B-99"')))).toThrow(
      /jmle2026_dataset\.json:\d+: group 120B-41-42 names 120B-99, which is not in the file/,
    );
    expect(parseWith((text) => text.replace(group, listing('"120B-41", "120B-42", "120B-43"')))).toThrow(
      /jmle2026_dataset\.json:\d+: 120B-42 disagrees with line \d+ about group 120B-41-42/,
    );
  });

  it('fails when the stem and num_choices_to_select disagree', () => {
    expect(
      parseWith((text) => text.replace('"num_choices_to_select": 1', '"num_choices_to_select": 2')),
    ).toThrow(
      /jmle2026_dataset\.json:\d+: 120A-1: the stem asks for 1 choice\(s\), num_choices_to_select says 2/,
    );
  });

  it('refuses an image that is not pinned', () => {
    expect(parseWith((text) => text.replace('"120A-16_1.png"', '"120A-16_9.png"'))).toThrow(
      /image 120A-16_9\.png is not one of the pinned image files/,
    );
  });
});
