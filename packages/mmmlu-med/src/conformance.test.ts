import { readSourceFiles } from '@kensa/testing';
import { testBenchmarkConformance } from '@kensa/testing/vitest';
import { createMMMLUMed, mmmluMed } from './index';

const fixtures = new URL('./fixtures/', import.meta.url);

// The same checks for both likelihood templates on OpenAI's file: only the likelihood renderer differs.
for (const benchmark of [mmmluMed, createMMMLUMed({ likelihood: 'lm-eval-mmmlu' })]) {
  testBenchmarkConformance(benchmark, {
    contents: readSourceFiles(fixtures, benchmark.sources),
    malformed: {
      path: 'test/mmlu_JA-JP.csv',
      // The record with index 4 starts on line 7, after the quoted newline of the one with index 2.
      text: (text) => text.replace(',B,medical_genetics', ',b?,medical_genetics'),
      line: 7,
    },
    acceptedRevisions: {
      '64d5b3a':
        'the short hash the hub shows for the commit that uploaded the CSVs; the full hash is not known offline',
    },
    itemCount: 6,
  });
}

const mmluMedicalJa = createMMMLUMed({ dataset: 'mmlu_medical_jp' });
testBenchmarkConformance(mmluMedicalJa, {
  contents: readSourceFiles(fixtures, mmluMedicalJa.sources),
  malformed: {
    path: 'mmlu_medical_jp/test.jsonl',
    text: (text) => text.replace('"answer_idx": 1, "n_options": 4', '"answer_idx": -1, "n_options": 4'),
    line: 2,
  },
  itemCount: 4,
});
