import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatasetParseError } from '@kensa/core';
import { sharedDataDir } from '@kensa/test-support';
import { readSourceFiles } from '@kensa/testing';
import { describe, expect, it } from 'vitest';
import { createPubMedQAJa, pubmedqaJa } from './index';

const fixtures = new URL('./fixtures/', import.meta.url);
const file = 'pubmedqa_jp/test.jsonl';
const items = pubmedqaJa.parse(readSourceFiles(fixtures, pubmedqaJa.sources));

describe('pubmedqa-ja', () => {
  it('reads pubmedqa_jp/test.jsonl at the pinned JMedBench revision, or another commit', () => {
    expect(pubmedqaJa.sources[0]?.url).toBe(
      'https://huggingface.co/datasets/Coldog2333/JMedBench/resolve/b6acb5195050bf36e146b51cd2744a5d6638abd1/pubmedqa_jp/test.jsonl',
    );
    expect(
      createPubMedQAJa({ revision: 'cc597b58afd020762ab0659eacbaaad3a19d4641' }).sources[0]?.url,
    ).toContain('/resolve/cc597b58afd020762ab0659eacbaaad3a19d4641/');
  });

  it('keeps the abstract from metadata.context as the item context', () => {
    expect(items.map((item) => [item.id, item.answer[0], item.choices])).toEqual([
      ['pubmedqa-ja:pubmedqa_jp-test-0', 'a', ['はい', 'いいえ', 'たぶん']],
      ['pubmedqa-ja:pubmedqa_jp-test-1', 'c', ['はい', 'いいえ', 'たぶん']],
      ['pubmedqa-ja:pubmedqa_jp-test-2', 'b', ['はい', 'いいえ', 'たぶん']],
    ]);
    expect(items[0]?.context).toMatch(/^背景：喫煙は術後肺合併症の危険因子である。/);
  });

  it('puts the abstract before the question in both the chat prompt and the likelihood prompt', () => {
    const item = items[0];
    if (item === undefined) throw new Error('the fixture has items');
    const content = pubmedqaJa.prompts[0]?.render(item, { examples: [] }).messages[0]?.content ?? '';
    expect(
      content.startsWith(`要旨：${item.context}\n質問：${item.question}\nA. はい\nB. いいえ\nC. たぶん\n`),
    ).toBe(true);
    expect(pubmedqaJa.likelihood.render(item)).toMatchObject({
      prompt: `要旨：${item.context}\n質問：${item.question}\n答え：`,
      continuations: ['はい', 'いいえ', 'たぶん'],
    });
  });

  it('fails with file and line on an answer_idx outside the options', () => {
    const text = readSourceFiles(fixtures, pubmedqaJa.sources).get(file) ?? '';
    try {
      pubmedqaJa.parse(new Map([[file, text.replace('"answer_idx": 2', '"answer_idx": 3')]]));
      throw new Error('expected a DatasetParseError');
    } catch (error) {
      expect(DatasetParseError.isInstance(error)).toBe(true);
      expect((error as DatasetParseError).message).toMatch(
        /^pubmedqa_jp\/test\.jsonl:2: answer_idx 3 is outside the 3 options/,
      );
    }
  });
});

const mirror = path.join(sharedDataDir(), 'jmedbench');
describe.skipIf(!existsSync(path.join(mirror, file)))('pubmedqa-ja on a JMedBench mirror', () => {
  it('has the 1,000 test questions JMedBench reports, each with its abstract', () => {
    const all = pubmedqaJa.parse(readSourceFiles(mirror, pubmedqaJa.sources));
    expect(all).toHaveLength(1000);
    expect(all.every((item) => item.context !== undefined)).toBe(true);
  });
});
