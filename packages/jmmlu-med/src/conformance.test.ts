// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import path from 'node:path';
import { sharedDataDir } from '@kensa/test-support';
import { readSourceFiles } from '@kensa/testing';
import { testBenchmarkConformance } from '@kensa/testing/vitest';
import { jmmluMed } from './index';

testBenchmarkConformance(jmmluMed, {
  contents: readSourceFiles(path.join(sharedDataDir(), 'jmmlu'), jmmluMed.sources),
  malformed: {
    path: 'JMMLU/virology.csv',
    // An opening quote that never closes: the error names the line the broken record starts on.
    text: (text) =>
      text
        .split('\n')
        .map((line, index) => (index === 9 ? `"${line}` : line))
        .join('\n'),
    line: 10,
  },
  itemCount: 1271,
});
