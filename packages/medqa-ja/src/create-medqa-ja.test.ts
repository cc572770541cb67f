import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatasetParseError } from '@kensa/core';
import { sharedDataDir } from '@kensa/test-support';
import { readSourceFiles } from '@kensa/testing';
import { describe, expect, it } from 'vitest';
import { createMedQAJa, medqaJa } from './index';

const fixtures = new URL('./fixtures/', import.meta.url);

function parseError(run: () => unknown): DatasetParseError {
  try {
    run();
  } catch (error) {
    if (DatasetParseError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a DatasetParseError');
}

describe('medqa-ja', () => {
  it('reads medqa_jp/test.jsonl at the pinned JMedBench revision', () => {
    expect(medqaJa.id).toBe('medqa-ja');
    expect(medqaJa.sources).toEqual([
      {
        source: 'jmedbench',
        repository: 'huggingface:Coldog2333/JMedBench',
        revision: 'b6acb5195050bf36e146b51cd2744a5d6638abd1',
        path: 'medqa_jp/test.jsonl',
        url: 'https://huggingface.co/datasets/Coldog2333/JMedBench/resolve/b6acb5195050bf36e146b51cd2744a5d6638abd1/medqa_jp/test.jsonl',
      },
    ]);
  });

  it('parses 5-option questions with the key as a letter and the source as category', () => {
    const items = medqaJa.parse(readSourceFiles(fixtures, medqaJa.sources));
    expect(items).toHaveLength(4);
    expect(items[0]).toEqual({
      id: 'medqa-ja:medqa_jp-test-0',
      kind: 'choice',
      question: expect.stringContaining('ST上昇'),
      choices: ['急性下壁心筋梗塞', '急性心膜炎', '大動脈解離', '肺塞栓症', '逆流性食道炎'],
      choose: 1,
      answer: ['a'],
      category: 'medqa',
    });
    expect(items.map((item) => item.answer[0])).toEqual(['a', 'a', 'b', 'c']);
    expect(items[1]?.category).toBeUndefined();
  });

  it('reads the 4-option usmleqa_jp variant under its own id', () => {
    const usmle = createMedQAJa({ subset: 'usmleqa_jp' });
    expect(usmle.id).toBe('usmleqa-ja');
    expect(usmle.sources[0]?.path).toBe('usmleqa_jp/test.jsonl');
    const items = usmle.parse(readSourceFiles(fixtures, usmle.sources));
    expect(items.map((item) => [item.id, item.choices.length, item.answer[0]])).toEqual([
      ['usmleqa-ja:usmleqa_jp-test-0', 4, 'b'],
      ['usmleqa-ja:usmleqa_jp-test-1', 4, 'c'],
    ]);
  });

  it('reads another revision when asked, and refuses one that is not a commit hash', () => {
    const other = createMedQAJa({ revision: '0123456789abcdef0123456789abcdef01234567' });
    expect(other.sources[0]?.url).toContain('/resolve/0123456789abcdef0123456789abcdef01234567/');
    expect(() => createMedQAJa({ revision: 'main' })).toThrow(/not a commit hash/);
    expect(() => createMedQAJa({ subset: 'medqa' as never })).toThrow(/Unknown MedQA-ja subset/);
  });

  it('fails with file and line on an empty option or an answer_idx outside the options', () => {
    const contents = readSourceFiles(fixtures, medqaJa.sources);
    const text = contents.get('medqa_jp/test.jsonl') ?? '';
    const emptyOption = parseError(() =>
      medqaJa.parse(new Map([['medqa_jp/test.jsonl', text.replace('"大動脈解離"', '""')]])),
    );
    expect(emptyOption.message).toMatch(/^medqa_jp\/test\.jsonl:1: options\.2: an option is empty/);
    const outOfRange = parseError(() =>
      medqaJa.parse(new Map([['medqa_jp/test.jsonl', text.replace('"answer_idx": 2', '"answer_idx": 5')]])),
    );
    expect([outOfRange.file, outOfRange.line]).toEqual(['medqa_jp/test.jsonl', 4]);
    expect(outOfRange.message).toContain('answer_idx 5 is outside the 5 options');
  });
});

// Runs only where a JMedBench mirror exists (`<shared>/data/jmedbench/medqa_jp/test.jsonl`); none ships here.
const mirror = path.join(sharedDataDir(), 'jmedbench');
describe.skipIf(!existsSync(path.join(mirror, 'medqa_jp', 'test.jsonl')))(
  'medqa-ja on a JMedBench mirror',
  () => {
    it('has the 1,273 test questions JMedBench reports, all with 5 options', () => {
      const items = medqaJa.parse(readSourceFiles(mirror, medqaJa.sources));
      expect(items).toHaveLength(1273);
      expect(items.every((item) => item.choices.length === 5)).toBe(true);
    });
  },
);
