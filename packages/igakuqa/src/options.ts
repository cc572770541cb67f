import { benchmarkOption } from '@kensa/core';
import { blocks, exams } from './exams';

const examNumbers = exams.map(({ exam }) => exam) as [string, ...string[]];
const years = exams.map(({ year }) => year) as readonly number[];

/** `createIgakuQA`'s options as `-T key=value` sets them; the factory checks the combinations. */
export const igakuqaOptionFields = {
  years: benchmarkOption
    .list(
      benchmarkOption
        .integer()
        .refine((year) => years.includes(year), { message: 'IgakuQA has the years 2018–2022' }),
    )
    .optional()
    .describe('years to include, comma-separated (2018–2022; default all), e.g. years=2022'),
  exams: benchmarkOption
    .list(benchmarkOption.choice(examNumbers))
    .optional()
    .describe('exams to include by number, comma-separated (112–116; default all), e.g. exams=116'),
  blocks: benchmarkOption
    .list(benchmarkOption.choice(blocks))
    .optional()
    .describe(
      'blocks to include (A–F; default all); leaving one out makes its exam incomplete (no pass/fail)',
    ),
  excludeImages: benchmarkOption
    .boolean()
    .optional()
    .describe('true: leave out questions whose printed version has an image the data lacks (default false)'),
  rulings: benchmarkOption
    .choice(['paper', 'ministry'])
    .optional()
    .describe(
      "'paper' (default) reproduces the published scores; 'ministry' adds the 116th's partial exclusions",
    ),
};
