import { readSourceFiles } from '@kensa/testing';
import { testBenchmarkConformance } from '@kensa/testing/vitest';
import { medmcqaJa } from './index';

testBenchmarkConformance(medmcqaJa, {
  contents: readSourceFiles(new URL('./fixtures/', import.meta.url), medmcqaJa.sources),
  malformed: {
    path: 'medmcqa_jp/test.jsonl',
    text: (text) => text.replace('"answer_idx": 0, "n_options": 4', '"answer_idx": 0, "n_options": 5'),
    line: 2,
  },
  itemCount: 3,
});
