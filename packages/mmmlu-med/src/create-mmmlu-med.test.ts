import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatasetParseError } from '@kensa/core';
import { sharedDataDir } from '@kensa/test-support';
import { readSourceFiles } from '@kensa/testing';
import { describe, expect, it } from 'vitest';
import { createMMMLUMed, mmmluMed } from './index';

const fixtures = new URL('./fixtures/', import.meta.url);
const file = 'test/mmlu_JA-JP.csv';
const text = readSourceFiles(fixtures, mmmluMed.sources).get(file) ?? '';

function parseError(broken: string): DatasetParseError {
  try {
    mmmluMed.parse(new Map([[file, broken]]));
  } catch (error) {
    if (DatasetParseError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a DatasetParseError');
}

describe('mmmlu-med', () => {
  it('reads test/mmlu_JA-JP.csv of openai/MMMLU at the pinned revision, or another commit', () => {
    expect(mmmluMed.sources).toEqual([
      {
        source: 'mmmlu',
        repository: 'huggingface:openai/MMMLU',
        revision: '64d5b3a',
        path: file,
        url: 'https://huggingface.co/datasets/openai/MMMLU/resolve/64d5b3a/test/mmlu_JA-JP.csv',
      },
    ]);
    expect(createMMMLUMed({ revision: 'f'.repeat(40) }).sources[0]?.url).toContain(
      `/resolve/${'f'.repeat(40)}/`,
    );
    expect(() => createMMMLUMed({ revision: 'main' })).toThrow(/not a commit hash/);
  });

  it('keeps the medical subjects, ids from the index column, the subject as category', () => {
    const items = mmmluMed.parse(new Map([[file, text]]));
    expect(items.map((item) => [item.id, item.category, item.answer[0]])).toEqual([
      ['mmmlu:1', 'anatomy', 'b'],
      ['mmmlu:2', 'clinical_knowledge', 'c'],
      ['mmmlu:3', 'college_medicine', 'd'],
      ['mmmlu:4', 'medical_genetics', 'b'],
      ['mmmlu:5', 'professional_medicine', 'a'],
      ['mmmlu:7', 'anatomy', 'b'],
    ]);
  });

  it('reads quoted cells with newlines, commas and doubled quotes as written', () => {
    const items = mmmluMed.parse(new Map([[file, text]]));
    expect(items[1]?.question).toBe(
      '成人の一次救命処置で、胸骨圧迫の深さとして推奨されるのはどれか。\n（圧迫のテンポは100〜120回/分とする）',
    );
    expect(items[4]?.choices[3]).toBe('逆流性食道炎、または胃潰瘍');
    const quoted = text.replace('"安定狭心症"', '"""安定""狭心症, 労作性"');
    expect(mmmluMed.parse(new Map([[file, quoted]]))[4]?.choices[0]).toBe('"安定"狭心症, 労作性');
  });

  it('reads a file without the index column, numbering rows from 0', () => {
    const plain = text
      .split('\n')
      .map((line, index) => (index === 0 ? line.slice(1) : line.replace(/^\d+,/, '')))
      .join('\n');
    expect(mmmluMed.parse(new Map([[file, plain]])).map((item) => item.id)).toEqual([
      'mmmlu:1',
      'mmmlu:2',
      'mmmlu:3',
      'mmmlu:4',
      'mmmlu:5',
      'mmmlu:7',
    ]);
  });

  it('selects other subjects, and refuses unknown ones', () => {
    const virology = createMMMLUMed({ subjects: ['virology', 'abstract_algebra'] });
    expect(virology.parse(new Map([[file, text]])).map((item) => item.id)).toEqual(['mmmlu:0', 'mmmlu:6']);
    expect(() => createMMMLUMed({ subjects: ['anatomyy' as never] })).toThrow(
      /Unknown MMLU subject 'anatomyy'/,
    );
    expect(() => createMMMLUMed({ subjects: ['nutrition'] }).parse(new Map([[file, text]]))).toThrow(
      /has no questions in nutrition/,
    );
  });

  it('fails with file and the line a record starts on', () => {
    // Line 5 holds the second line of the record with index 2, so the record with index 3 starts on line 6.
    expect(parseError(text.replace(',D,college_medicine', ',E,college_medicine')).message).toBe(
      "test/mmlu_JA-JP.csv:6: Answer is 'E', expected one of A, B, C, D",
    );
    expect(parseError(text.replace(',棘上筋,', ',  ,')).message).toBe(
      'test/mmlu_JA-JP.csv:10: option B is empty',
    );
    // Other subjects are only checked for their width.
    expect(mmmluMed.parse(new Map([[file, text.replace(',オセルタミビル,', ',,')]]))).toHaveLength(6);
    expect(parseError(text.replace('0%,25%,50%,75%', '0%,25%,50%')).message).toBe(
      'test/mmlu_JA-JP.csv:7: the record has 7 cells, expected 8 as in the header',
    );
    expect(parseError(text.replace(',Question,', ',Questions,')).line).toBe(1);
    expect(parseError(text.replace('"安定狭心症"', '"安定狭心症')).line).toBe(8);
  });
});

const mirror = path.join(sharedDataDir(), 'mmmlu');
describe.skipIf(!existsSync(path.join(mirror, file)))('mmmlu-med on an MMMLU mirror', () => {
  it('has the 945 questions of the five medical subjects', () => {
    const items = mmmluMed.parse(readSourceFiles(mirror, mmmluMed.sources));
    const counts = Object.fromEntries(
      ['anatomy', 'clinical_knowledge', 'college_medicine', 'medical_genetics', 'professional_medicine'].map(
        (subject) => [subject, items.filter((item) => item.category === subject).length],
      ),
    );
    expect(counts).toEqual({
      anatomy: 135,
      clinical_knowledge: 265,
      college_medicine: 173,
      medical_genetics: 100,
      professional_medicine: 272,
    });
    expect(items).toHaveLength(945);
  });
});

describe('an MMMLU file without the medical subjects', () => {
  it('fails as bad input naming the file (exit 2 in the CLI), not as a bug', () => {
    const csv = ',Question,A,B,C,D,Answer,Subject\n0,問,あ,い,う,え,A,high_school_physics\n';
    const error = (() => {
      try {
        mmmluMed.parse(new Map([[file, csv]]));
      } catch (caught) {
        return caught;
      }
    })();
    expect(DatasetParseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^test\/mmlu_JA-JP\.csv: has no questions in anatomy, clinical_knowledge/,
    );
  });
});
