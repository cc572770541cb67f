import {
  chooseCountFromStem,
  DatasetParseError,
  type Item,
  itemSchema,
  numericFormatFromStem,
  toHalfWidth,
  validateRecord,
} from '@kensa/core';
import { questionPoints, sectionOfBlock } from './exam-points';
import { type Jmle2026Question, jmle2026QuestionSchema } from './jmle2026-records';
import { parseJsonArray } from './json-array';

const choiceLine = /^[ \u3000]*([a-z])[ \u3000]+(\S.*)$/;
const choiceRow = /^\|\s*([a-z])\s*\|(.*)\|\s*$/;
/** The printed answer sheet under a numeric question: a row of boxes, then rows of the digits 0–9. */
const answerGridLine = /^[\s\u3000\u2460-\u2473\d]+$/;

interface SplitQuestion {
  readonly stem: string;
  readonly choices: string[];
}

function tidy(lines: readonly string[]): string {
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The question text holds the number, the stem and the choices (`a　緊急手術` lines, or table rows `|a|…|`).
 * The choices leave the stem; the labels must run a, b, c … in order.
 */
function splitChoices(record: Jmle2026Question, file: string, line: number): SplitQuestion {
  const head = new RegExp(`^${record.number}[ \\u3000]`);
  if (!head.test(record.question_text)) {
    throw new DatasetParseError({
      file,
      line,
      message: `${record.question_id}: question_text does not start with its number ${record.number}`,
    });
  }
  const lines = record.question_text.replace(head, '').split('\n');
  const choices: string[] = [];
  const stem: string[] = [];
  for (const text of lines) {
    const match = choiceLine.exec(text) ?? choiceRow.exec(text);
    if (match === null || record.question_type === 'calculation') {
      stem.push(text);
      continue;
    }
    const expected = String.fromCharCode(97 + choices.length);
    if (match[1] !== expected) {
      throw new DatasetParseError({
        file,
        line,
        message: `${record.question_id}: choice '${match[1]}' where '${expected}' was expected`,
      });
    }
    const cells = (match[2] ?? '').split('|').map((cell) => cell.trim());
    choices.push(cells.join(' | '));
  }
  if (record.question_type === 'calculation') {
    // The answer sheet's digit grid is drawn below 解答：…; the question ends with the 解答 line, half-width.
    while (stem.length > 0 && (answerGridLine.test(stem.at(-1) ?? '') || (stem.at(-1) ?? '').trim() === ''))
      stem.pop();
    const last = stem.length - 1;
    if (/^解答/.test(stem[last] ?? '')) stem[last] = toHalfWidth(stem[last] ?? '').replace(/\s+/g, '');
  }
  return { stem: tidy(stem), choices };
}

function toItem(
  record: Jmle2026Question,
  imagePath: (name: string) => string,
  file: string,
  line: number,
): Item {
  const numeric = record.question_type === 'calculation';
  const { stem, choices } = splitChoices(record, file, line);
  if (!numeric && choices.length === 0) {
    throw new DatasetParseError({
      file,
      line,
      message: `${record.question_id} is multiple_choice but has no choices`,
    });
  }
  const choose = numeric ? 0 : chooseCountFromStem(stem);
  if (!numeric && choose !== record.num_choices_to_select) {
    throw new DatasetParseError({
      file,
      line,
      message: `${record.question_id}: the stem asks for ${choose} choice(s), num_choices_to_select says ${record.num_choices_to_select}`,
    });
  }
  const question =
    record.serial_group === undefined ? stem : `${record.serial_group.context_text.trim()}\n\n${stem}`;
  const images = record.clinical_images.map((name) => ({ path: imagePath(name), mediaType: 'image/png' }));
  const candidate = {
    id: record.question_id,
    kind: numeric ? 'numeric' : 'choice',
    question,
    choices,
    choose,
    answer: numeric ? record.answer : record.answer.map((letter) => letter.toLowerCase()),
    ...(numeric ? { numeric: numericFormatFromStem(stem) } : {}),
    points: questionPoints(record.block, record.number),
    exam: '120',
    year: 2026,
    block: record.block,
    section: sectionOfBlock(record.block),
    hasImage: record.requires_image,
    ...(images.length === 0 ? {} : { images }),
  };
  return validateRecord(itemSchema, candidate, file, line);
}

/**
 * Parses JMLE2026-Bench's dataset for the selected blocks. Linked case questions (`serial_group`) get the shared
 * case text before their own stem, as the exam prints it; every group's members must be present and agree.
 */
export function parseJmle2026(
  text: string,
  file: string,
  blocks: readonly string[],
  imagePath: (name: string, file: string, line: number) => string,
): Item[] {
  const items: Item[] = [];
  const seen = new Set<string>();
  const groups = new Map<string, { questions: string; context: string; line: number }>();
  for (const { line, value } of parseJsonArray(text, file)) {
    const record = validateRecord(jmle2026QuestionSchema, value, file, line);
    if (record.question_id !== `120${record.block}-${record.number}`) {
      throw new DatasetParseError({
        file,
        line,
        message: `${record.question_id} does not match block ${record.block} number ${record.number}`,
      });
    }
    if (seen.has(record.question_id)) {
      throw new DatasetParseError({ file, line, message: `duplicate ${record.question_id}` });
    }
    seen.add(record.question_id);
    const group = record.serial_group;
    if (group !== undefined) {
      const known = groups.get(group.group_id);
      const questions = group.questions.join(',');
      if (!group.questions.includes(record.question_id)) {
        throw new DatasetParseError({
          file,
          line,
          message: `${record.question_id} is not listed in its group ${group.group_id}`,
        });
      }
      if (known !== undefined && (known.questions !== questions || known.context !== group.context_text)) {
        throw new DatasetParseError({
          file,
          line,
          message: `${record.question_id} disagrees with line ${known.line} about group ${group.group_id}`,
        });
      }
      groups.set(group.group_id, { questions, context: group.context_text, line });
    }
    if (!blocks.includes(record.block)) continue;
    items.push(toItem(record, (name) => imagePath(name, file, line), file, line));
  }
  for (const [id, group] of groups) {
    const absent = group.questions.split(',').find((member) => !seen.has(member));
    if (absent !== undefined) {
      throw new DatasetParseError({
        file,
        line: group.line,
        message: `group ${id} names ${absent}, which is not in the file`,
      });
    }
  }
  return items;
}
