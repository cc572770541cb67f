import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatasetParseError } from '@kensa/core';
import { sharedDataDir } from '@kensa/test-support';
import { readSourceFiles } from '@kensa/testing';
import { describe, expect, it } from 'vitest';
import { createMedMCQAJa, medmcqaJa } from './index';

const fixtures = new URL('./fixtures/', import.meta.url);
const file = 'medmcqa_jp/test.jsonl';

function parseError(text: string): DatasetParseError {
  try {
    medmcqaJa.parse(new Map([[file, text]]));
  } catch (error) {
    if (DatasetParseError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a DatasetParseError');
}

describe('medmcqa-ja', () => {
  it('reads medmcqa_jp/test.jsonl at the pinned JMedBench revision, or another commit', () => {
    expect(medmcqaJa.sources.map((source) => source.url)).toEqual([
      'https://huggingface.co/datasets/Coldog2333/JMedBench/resolve/b6acb5195050bf36e146b51cd2744a5d6638abd1/medmcqa_jp/test.jsonl',
    ]);
    const other = createMedMCQAJa({ revision: 'cc597b58afd020762ab0659eacbaaad3a19d4641' });
    expect(other.sources[0]?.revision).toBe('cc597b58afd020762ab0659eacbaaad3a19d4641');
    expect(() => createMedMCQAJa({ revision: 'HEAD' })).toThrow(/not a commit hash/);
  });

  it('parses 4-option questions', () => {
    const items = medmcqaJa.parse(readSourceFiles(fixtures, medmcqaJa.sources));
    expect(items.map((item) => [item.id, item.answer[0], item.choices.length, item.category])).toEqual([
      ['medmcqa-ja:medmcqa_jp-test-0', 'c', 4, 'medmcqa'],
      ['medmcqa-ja:medmcqa_jp-test-1', 'a', 4, 'medmcqa'],
      ['medmcqa-ja:medmcqa_jp-test-2', 'd', 4, 'medmcqa'],
    ]);
  });

  it('fails with file and line on an empty option, a bad answer_idx or a line that is not JSON', () => {
    const text = readSourceFiles(fixtures, medmcqaJa.sources).get(file) ?? '';
    expect(parseError(text.replace('"猿手"', '""')).message).toMatch(
      /^medmcqa_jp\/test\.jsonl:2: options\.1: an option is empty/,
    );
    const outside = parseError(text.replace('"answer_idx": 3', '"answer_idx": 4'));
    expect([outside.file, outside.line]).toEqual([file, 3]);
    const notJson = parseError(`${text}\n{"sample_id": "medmcqa_jp-test-3",\n`);
    expect([notJson.file, notJson.line]).toEqual([file, 5]);
  });
});

const mirror = path.join(sharedDataDir(), 'jmedbench');
describe.skipIf(!existsSync(path.join(mirror, file)))('medmcqa-ja on a JMedBench mirror', () => {
  it('has the 4,183 test questions JMedBench reports', () => {
    expect(medmcqaJa.parse(readSourceFiles(mirror, medmcqaJa.sources))).toHaveLength(4183);
  });
});
