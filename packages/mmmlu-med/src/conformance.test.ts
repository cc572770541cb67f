import { readSourceFiles } from '@kensa/testing';
import { testBenchmarkConformance } from '@kensa/testing/vitest';
import { mmmluMed } from './index';

testBenchmarkConformance(mmmluMed, {
  contents: readSourceFiles(new URL('./fixtures/', import.meta.url), mmmluMed.sources),
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
