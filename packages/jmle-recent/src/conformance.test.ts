// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import type { Item } from '@kensa/core';
import { readSharedSources } from '@kensa/test-support';
import { testBenchmarkConformance } from '@kensa/testing/vitest';
import { igakuqa119, jmle2026 } from './index';

/** Replaces one 1-based line of a file. */
const breakLine = (line: number, replacement: string) => (text: string) =>
  text
    .split('\n')
    .map((content, index) => (index === line - 1 ? replacement : content))
    .join('\n');

/** The official rule, stated independently of the plugin: 必修 blocks' questions 26–50 are worth 3 points. */
const official = {
  points: (item: Item) => (/^(119[BE]|120[BE]-)(2[6-9]|[34]\d|50)$/.test(item.id) ? 3 : 1),
  totals: { '119': 500, '120': 500 },
};

testBenchmarkConformance(igakuqa119, {
  contents: readSharedSources(igakuqa119.sources),
  malformed: [
    // Line 4 opens the first question's fields; a bare word there is a JSON syntax error.
    { path: 'questions/119A_json.json', text: breakLine(4, '    "question": nonsense,'), line: 4 },
    {
      path: 'questions/119C_json.json',
      text: (text) => text.replace('"number": "119C1"', '"number": 119'),
      line: 2,
    },
    { path: 'questions/correct_answers.csv', text: breakLine(3, '119A2'), line: 3 },
  ],
  itemCount: 400,
  official,
});

testBenchmarkConformance(jmle2026, {
  contents: readSharedSources(jmle2026.sources),
  malformed: [
    {
      path: 'jmle2026_dataset.json',
      text: (text) => text.replace('"question_id": "120A-2"', '"question_id": "120A2"'),
      line: 15,
    },
  ],
  itemCount: 400,
  official,
});
