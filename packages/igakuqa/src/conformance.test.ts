// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { readSharedSources } from '@kensa/test-support';
import { testBenchmarkConformance } from '@kensa/testing/vitest';
import { fewShotPath } from './exams';
import { igakuqa } from './index';

/** Replaces one 1-based line of a JSONL file. */
const breakLine = (line: number, replacement: string) => (text: string) =>
  text
    .split('\n')
    .map((content, index) => (index === line - 1 ? replacement : content))
    .join('\n');

testBenchmarkConformance(igakuqa, {
  contents: readSharedSources(igakuqa.sources),
  malformed: [
    { path: 'data/2018/112-A.jsonl', text: breakLine(3, '{"problem_id": "112A3", '), line: 3 },
    { path: 'data/2022/116-F_metadata.jsonl', text: breakLine(7, '{"problem_id": "116F7"}'), line: 7 },
    { path: fewShotPath, text: breakLine(2, '[]'), line: 2 },
  ],
  itemCount: 2000,
});
