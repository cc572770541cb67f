import { readSourceFiles } from '@kensa/testing';
import { testBenchmarkConformance } from '@kensa/testing/vitest';
import { pubmedqaJa } from './index';

testBenchmarkConformance(pubmedqaJa, {
  contents: readSourceFiles(new URL('./fixtures/', import.meta.url), pubmedqaJa.sources),
  malformed: {
    path: 'pubmedqa_jp/test.jsonl',
    text: (text) =>
      text.replace(
        '"options": ["はい", "いいえ", "たぶん"], "answer_idx": 1',
        '"options": ["はい", "", "たぶん"], "answer_idx": 1',
      ),
    line: 3,
  },
  itemCount: 3,
});
