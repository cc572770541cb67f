import type { ExamRules } from '@kensa/core';

const source =
  "Ministry of Health, Labour and Welfare (厚生労働省) announcement of each exam's results (合格基準), as reprinted in the press";

function rules(exam: string, year: number, requiredLine: number, generalClinicalLine: number): ExamRules {
  return {
    exam,
    year,
    sections: [
      { id: 'required', name: '必修 (required)', blocks: ['B', 'E'], passLine: requiredLine },
      {
        id: 'general-clinical',
        name: '一般+臨床 (general + clinical)',
        blocks: ['A', 'C', 'D', 'F'],
        passLine: generalClinicalLine,
      },
    ],
    maxKinki: 3,
    source,
  };
}

/**
 * Pass criteria (合格基準) of each sitting, in points: 必修 at or above its line (80 % of the section), 一般+臨床 at
 * or above its line, and at most three 禁忌肢 picked. Denominators: 必修 200/200/197/200/197, 一般+臨床
 * 299/296/299/300/297.
 */
export const passLines: readonly ExamRules[] = [
  rules('112', 2018, 160, 208),
  rules('113', 2019, 160, 209),
  rules('114', 2020, 158, 217),
  rules('115', 2021, 160, 209),
  rules('116', 2022, 158, 214),
];
