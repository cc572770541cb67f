import type { ExamRules } from '@kensa/core';
import { igakuqa119Rulings } from './rulings';

function sections(requiredLine: number, generalClinicalLine: number): ExamRules['sections'] {
  return [
    { id: 'required', name: '必修 (required)', blocks: ['B', 'E'], passLine: requiredLine, total: 200 },
    {
      id: 'general-clinical',
      name: '一般+臨床 (general + clinical)',
      blocks: ['A', 'C', 'D', 'F'],
      passLine: generalClinicalLine,
      total: 300,
    },
  ];
}

/**
 * The 119th exam (February 2025): 必修 ≥ 160/200, 一般+臨床 ≥ 221/300, at most three 禁忌肢 — the ministry's 合格基準.
 * The transcription has no 禁忌肢 annotation, so that criterion cannot be checked.
 */
export const igakuqa119Rules: ExamRules = {
  exam: '119',
  year: 2025,
  sections: sections(160, 221),
  maxKinki: 3,
  kinkiAnnotated: false,
  rulings: igakuqa119Rulings,
  source:
    'Ministry of Health, Labour and Welfare (厚生労働省), 第119回医師国家試験の合格発表 (合格基準), March 2025',
};

/**
 * The 120th exam (February 2026): the same structure; lines are the 119th's until the ministry's figures are
 * recorded here, and the key is the dataset author's.
 */
export const jmle2026Rules: ExamRules = {
  exam: '120',
  year: 2026,
  sections: sections(160, 221),
  maxKinki: 3,
  kinkiAnnotated: false,
  provisional:
    "the 119th exam's lines, used until the ministry's 120th figures are recorded; the key is the dataset author's annotation, not the ministry's",
  source: "provisional: the 119th exam's 合格基準 (as JMLE2026-Bench's own harness uses them)",
};
