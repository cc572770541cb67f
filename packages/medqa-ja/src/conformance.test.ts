import { readSourceFiles } from '@kensa/testing';
import { testBenchmarkConformance } from '@kensa/testing/vitest';
import { createMedQAJa, medqaJa } from './index';

const fixtures = new URL('./fixtures/', import.meta.url);

testBenchmarkConformance(medqaJa, {
  contents: readSourceFiles(fixtures, medqaJa.sources),
  malformed: {
    path: 'medqa_jp/test.jsonl',
    text: (text) => text.replace('"answer_idx": 1', '"answer_idx": -1'),
    line: 3,
  },
  itemCount: 4,
});

const usmleqaJa = createMedQAJa({ subset: 'usmleqa_jp' });
testBenchmarkConformance(usmleqaJa, {
  contents: readSourceFiles(fixtures, usmleqaJa.sources),
  malformed: { path: 'usmleqa_jp/test.jsonl', text: (text) => `${text}{"sample_id": "x"\n`, line: 3 },
  itemCount: 2,
});
