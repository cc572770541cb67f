// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { DatasetParseError, scoreItem } from '@kensa/core';
import { readSharedSources } from '@kensa/test-support';
import { describe, expect, it } from 'vitest';
import { igakuqa119Repairs } from './igakuqa119-repairs';
import { createIgakuQA119, igakuqa119, igakuqa119Rules } from './index';
import { parseIgakuQA119 } from './parse-igakuqa119';
import { igakuqa119BlockPath, igakuqa119ImagePaths, igakuqa119KeyPath } from './upstream';

const contents = readSharedSources(igakuqa119.sources);
const items = igakuqa119.parse(contents);
const byId = new Map(items.map((item) => [item.id, item]));
const item = (id: string) => {
  const found = byId.get(id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
};

function files(change: (block: string, text: string) => string = (_, text) => text) {
  return {
    blocks: ['A', 'B', 'C', 'D', 'E', 'F'].map((block) => {
      const file = igakuqa119BlockPath(block);
      return { block, file, text: change(block, contents.get(file) ?? '') };
    }),
    keyFile: igakuqa119KeyPath,
    key: contents.get(igakuqa119KeyPath) ?? '',
    imagePaths: igakuqa119ImagePaths,
  };
}

describe('the 119th exam on the shared mirror', () => {
  it('has the counts of SOURCE.md: 400 questions, 103 with images, 500 points in 200 + 300', () => {
    expect(items).toHaveLength(400);
    expect(items.filter((entry) => entry.hasImage)).toHaveLength(103);
    const points = (section: string) =>
      items.filter((entry) => entry.section === section).reduce((sum, entry) => sum + (entry.points ?? 1), 0);
    expect([points('required'), points('general-clinical')]).toEqual([200, 300]);
    expect(items.filter((entry) => entry.points === 3).map((entry) => entry.id)).toHaveLength(50);
    expect(item('119B25').points).toBe(1);
    expect(item('119B26').points).toBe(3);
    expect(item('119E50').points).toBe(3);
    expect(item('119A50').points).toBe(1);
  });

  it('derives choose from the stem, equal to the key size except where a ruling accepts either of two', () => {
    const mismatched = items.filter(
      (entry) => entry.kind === 'choice' && entry.choose !== entry.answer.length,
    );
    expect(mismatched).toEqual([]);
    expect(items.filter((entry) => entry.kind === 'numeric').map((entry) => entry.id)).toEqual([
      '119A75',
      '119C74',
      '119C75',
      '119F75',
    ]);
  });

  it('applies the ministry ruling for 119E28: the key file stores "ac"; a or c scores, e does not', () => {
    const e28 = item('119E28');
    expect(e28.answer).toEqual(['a']);
    expect(e28.ruling).toEqual(igakuqa119Rules.rulings?.['119E28']);
    expect(scoreItem(e28, '答え: a', 'normalized').correct).toBe(true);
    expect(scoreItem(e28, '答え: c', 'normalized').correct).toBe(true);
    expect(scoreItem(e28, '答え: a,c', 'normalized').correct).toBe(false);
    expect(scoreItem(e28, '答え: e', 'normalized').earned).toBe(0);
  });

  it('repairs the merged choices, the choices in the stem and the empty stem', () => {
    expect(item('119A22').choices).toEqual([
      '皮膚筋炎',
      '関節リウマチ',
      '全身性強皮症',
      '結節性多発動脈炎',
      '抗リン脂質抗体症候群',
    ]);
    expect(item('119A22').answer).toEqual(['c']);
    expect(item('119C5').choices).toEqual([
      '性的虐待',
      '経済的虐待',
      '身体的虐待',
      '心理的虐待',
      'ネグレクト',
    ]);
    expect(item('119C19').choices[2]).toBe('人工妊娠中絶の要件');
    expect(item('119C19').answer).toEqual(['d']);
    expect(item('119E45').choices).toHaveLength(5);
    expect(item('119E45').question).toMatch(/この発言に対する適切な問診はどれか。$/);
    expect(item('119E48').choices).toEqual([
      'アトロピン',
      'ジアゼパム',
      'フロセミド',
      'アドレナリン',
      'グルココルチコイド',
    ]);
    expect(item('119E48').question).toMatch(/次に静脈内投与すべき薬剤はどれか。$/);
    expect(item('119C18').question).toContain('欠落');
    expect(items.every((entry) => entry.kind === 'numeric' || entry.choices.length === 5)).toBe(true);
  });

  it('fails naming the question when a repair no longer matches the data', () => {
    const changed = igakuqa119Repairs.map((repair) =>
      repair.id === '119C5' && repair.kind === 'split-choice'
        ? { ...repair, entry: 'd. 心理的虐待' }
        : repair,
    );
    expect(() => parseIgakuQA119(files(), igakuqa119Rules.rulings ?? {}, changed)).toThrow(
      /questions\/119C_json\.json:\d+: repair 'split-choice' of 119C5 no longer matches the data/,
    );
  });

  it('fails when a repair finds no question, and when a defect has no repair', () => {
    const extra = [
      ...igakuqa119Repairs,
      { kind: 'missing-stem' as const, id: '119A99', question: '?', reason: 'test' },
    ];
    expect(() => parseIgakuQA119(files(), igakuqa119Rules.rulings ?? {}, extra)).toThrow(
      /repair 'missing-stem' of 119A99 found no question/,
    );
    const withoutStemRepair = igakuqa119Repairs.filter((repair) => repair.id !== '119C18');
    expect(() => parseIgakuQA119(files(), igakuqa119Rules.rulings ?? {}, withoutStemRepair)).toThrow(
      /119C18 has an empty stem and no repair for it/,
    );
  });

  it('refuses a multi-letter key for a one-answer question that no ruling settles', () => {
    expect(() => parseIgakuQA119(files(), {})).toThrow(DatasetParseError);
    expect(() => parseIgakuQA119(files(), {})).toThrow(/119E28 asks for 1 choice\(s\) but the key is 'ac'/);
  });

  it('attaches the pinned images named after each question, in order', () => {
    expect(item('119A15').images).toEqual([
      { path: 'images/119A15-1.png', mediaType: 'image/png' },
      { path: 'images/119A15-2.png', mediaType: 'image/png' },
    ]);
    expect(item('119A11').images).toEqual([{ path: 'images/119A11.png', mediaType: 'image/png' }]);
    expect(igakuqa119.imageSources).toHaveLength(150);
    expect(
      igakuqa119.imageSources.every((file) => file.encoding === 'base64' && file.sha256?.length === 64),
    ).toBe(true);
    // Two image questions have no file upstream; one file belongs to a question not flagged as having an image.
    expect(
      items.filter((entry) => entry.hasImage && entry.images === undefined).map((entry) => entry.id),
    ).toEqual(['119C15', '119C22']);
    expect(
      items.filter((entry) => !entry.hasImage && entry.images !== undefined).map((entry) => entry.id),
    ).toEqual(['119C67']);
  });

  it('selects blocks, with their sources and images only', () => {
    const required = createIgakuQA119({ blocks: ['B', 'E'] });
    expect(required.sources.map((file) => file.path)).toEqual([
      'questions/119B_json.json',
      'questions/119E_json.json',
      'questions/correct_answers.csv',
      'scripts/prompts/prompt.jsonl',
    ]);
    expect(required.imageSources.every((file) => /^images\/119[BE]/.test(file.path))).toBe(true);
    expect(required.parse(readSharedSources(required.sources))).toHaveLength(100);
    expect(() => createIgakuQA119({ blocks: ['G'] })).toThrow(/Unknown block 'G'/);
  });
});
