import {
  chooseCountFromStem,
  DatasetParseError,
  type ExclusionRuling,
  type Item,
  itemSchema,
  numericFormatFromStem,
  parseCsv,
  validateRecord,
} from '@kensa/core';
import { questionPoints, sectionOfBlock } from './exam-points';
import { type IgakuQA119Question, igakuqa119QuestionSchema } from './igakuqa119-records';
import { type IgakuQA119Repair, igakuqa119Repairs } from './igakuqa119-repairs';
import { parseJsonArray } from './json-array';

export interface IgakuQA119Files {
  readonly blocks: readonly { readonly block: string; readonly file: string; readonly text: string }[];
  readonly keyFile: string;
  readonly key: string;
  /** Pinned image paths (`images/119A15-1.png`); each question's images are those named after it. */
  readonly imagePaths: readonly string[];
}

/** Repairs to apply, with a record of which applied; a repair that matched nothing is an error. */
class RepairLog {
  private readonly pending = new Map<string, IgakuQA119Repair[]>();

  constructor(repairs: readonly IgakuQA119Repair[]) {
    for (const repair of repairs)
      this.pending.set(repair.id, [...(this.pending.get(repair.id) ?? []), repair]);
  }

  take(id: string): IgakuQA119Repair[] {
    const repairs = this.pending.get(id) ?? [];
    this.pending.delete(id);
    return repairs;
  }

  /** Repairs whose question was not parsed: fine when the block was not selected, an error otherwise. */
  leftOver(blocks: readonly string[]): IgakuQA119Repair[] {
    return [...this.pending.values()].flat().filter((repair) => blocks.includes(repair.id.slice(3, 4)));
  }
}

function notApplicable(
  file: string,
  line: number,
  repair: IgakuQA119Repair,
  what: string,
): DatasetParseError {
  return new DatasetParseError({
    file,
    line,
    message: `repair '${repair.kind}' of ${repair.id} no longer matches the data (${what}); the upstream file changed: review the repair`,
  });
}

function applyRepair(record: IgakuQA119Question, repair: IgakuQA119Repair, file: string, line: number) {
  switch (repair.kind) {
    case 'split-choice': {
      const at = record.choices.indexOf(repair.entry);
      if (at < 0) throw notApplicable(file, line, repair, `no choice reads ${JSON.stringify(repair.entry)}`);
      return {
        ...record,
        choices: [...record.choices.slice(0, at), ...repair.into, ...record.choices.slice(at + 1)],
      };
    }
    case 'choices-in-stem':
      if (record.choices.length > 0 || !record.question.endsWith(repair.stemEnd)) {
        throw notApplicable(
          file,
          line,
          repair,
          'the stem does not end with the choices, or choices are present',
        );
      }
      return {
        ...record,
        question: record.question.slice(0, -repair.stemEnd.length),
        choices: repair.choices.map((choice, index) => `${String.fromCharCode(97 + index)}. ${choice}`),
      };
    case 'missing-stem':
      if (record.question.trim() !== '') throw notApplicable(file, line, repair, 'the stem is not empty');
      return { ...record, question: repair.question };
  }
}

/** "a. 膵の萎縮を認める。" → "膵の萎縮を認める。", checking the labels run a, b, c … in order. */
function choiceTexts(record: IgakuQA119Question, file: string, line: number): string[] {
  return record.choices.map((choice, index) => {
    const letter = String.fromCharCode(97 + index);
    const match = /^([a-z])\.\s*(.*)$/s.exec(choice);
    if (match === null || match[1] !== letter) {
      throw new DatasetParseError({
        file,
        line,
        message: `choice ${index + 1} of ${record.number} should start with '${letter}.': ${JSON.stringify(choice)}`,
      });
    }
    return (match[2] ?? '').trim();
  });
}

function readKey(text: string, file: string): Map<string, { value: string; line: number }> {
  const key = new Map<string, { value: string; line: number }>();
  const [header, ...rows] = parseCsv(text, file);
  if (header === undefined || header.cells[0] !== '問題番号' || header.cells[1] !== '解答') {
    throw new DatasetParseError({
      file,
      line: header?.line ?? 1,
      message: 'expected the header 問題番号,解答',
    });
  }
  for (const { line, cells } of rows) {
    const [id, value] = cells;
    if (cells.length !== 2 || id === undefined || value === undefined || id === '' || value === '') {
      throw new DatasetParseError({ file, line, message: 'expected the columns 問題番号,解答 with values' });
    }
    if (key.has(id)) throw new DatasetParseError({ file, line, message: `duplicate key for ${id}` });
    key.set(id, { value: value.trim(), line });
  }
  return key;
}

/** Images named after a question: `images/119A15.png`, or `images/119A15-1.png`, `-2` … in order. */
function imagesOf(id: string, imagePaths: readonly string[]) {
  const pattern = new RegExp(`^images/${id}(?:-(\\d+))?\\.(png|jpe?g)$`);
  return imagePaths
    .map((path) => ({ path, match: pattern.exec(path) }))
    .filter((entry): entry is { path: string; match: RegExpExecArray } => entry.match !== null)
    .sort((a, b) => Number(a.match[1] ?? 0) - Number(b.match[1] ?? 0))
    .map(({ path, match }) => ({ path, mediaType: match[2] === 'png' ? 'image/png' : 'image/jpeg' }));
}

function toItem(
  record: IgakuQA119Question,
  block: string,
  keyValue: string,
  ruling: ExclusionRuling | undefined,
  imagePaths: readonly string[],
  file: string,
  line: number,
): Item {
  const numeric = record.choices.length === 0;
  const number = Number(record.number.slice(4));
  let answer: string[];
  if (numeric) {
    answer = [keyValue];
  } else {
    const letters = [...keyValue];
    const choose = chooseCountFromStem(record.question);
    // A key larger than the stem asks for is one of several accepted answers, which only a ruling may settle.
    if (letters.length !== choose) {
      const accepted = ruling?.kind === 'alternative-keys' ? ruling.keys.flat().sort().join('') : undefined;
      if (accepted !== [...letters].sort().join('')) {
        throw new DatasetParseError({
          file,
          line,
          message: `${record.number} asks for ${choose} choice(s) but the key is '${keyValue}', and no ruling settles it`,
        });
      }
      answer = [...(ruling?.kind === 'alternative-keys' ? (ruling.keys[0] ?? []) : [])];
    } else answer = letters;
  }
  const images = imagesOf(record.number, imagePaths);
  const candidate = {
    id: record.number,
    kind: numeric ? 'numeric' : 'choice',
    question: record.question.trim(),
    choices: numeric ? [] : choiceTexts(record, file, line),
    choose: numeric ? 0 : chooseCountFromStem(record.question),
    answer,
    ...(numeric ? { numeric: numericFormatFromStem(record.question.trim()) } : {}),
    points: questionPoints(block, number),
    exam: '119',
    year: 2025,
    block,
    section: sectionOfBlock(block),
    ...(ruling === undefined ? {} : { ruling }),
    hasImage: record.has_image,
    ...(images.length === 0 ? {} : { images }),
  };
  return validateRecord(itemSchema, candidate, file, line);
}

/**
 * Parses the 119th exam: each block's JSON array, joined with the key by question number. Every question needs
 * a key and every key a question of a parsed block; the data's defects are repaired as listed in
 * `igakuqa119Repairs`, each checked to apply.
 */
export function parseIgakuQA119(
  files: IgakuQA119Files,
  rulings: Readonly<Record<string, ExclusionRuling>>,
  repairs: readonly IgakuQA119Repair[] = igakuqa119Repairs,
): Item[] {
  const key = readKey(files.key, files.keyFile);
  const log = new RepairLog(repairs);
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const { block, file, text } of files.blocks) {
    for (const { line, value } of parseJsonArray(text, file)) {
      let record = validateRecord(igakuqa119QuestionSchema, value, file, line);
      if (!record.number.startsWith(`119${block}`)) {
        throw new DatasetParseError({
          file,
          line,
          message: `${record.number} does not belong to block ${block}`,
        });
      }
      if (seen.has(record.number))
        throw new DatasetParseError({ file, line, message: `duplicate ${record.number}` });
      seen.add(record.number);
      for (const repair of log.take(record.number)) record = applyRepair(record, repair, file, line);
      if (record.question.trim() === '') {
        throw new DatasetParseError({
          file,
          line,
          message: `${record.number} has an empty stem and no repair for it`,
        });
      }
      const keyEntry = key.get(record.number);
      if (keyEntry === undefined) {
        throw new DatasetParseError({
          file: files.keyFile,
          message: `no key for ${record.number} (${file}:${line})`,
        });
      }
      items.push(toItem(record, block, keyEntry.value, rulings[record.number], files.imagePaths, file, line));
    }
  }
  const blocks = files.blocks.map((entry) => entry.block);
  for (const [id, entry] of key) {
    if (!seen.has(id) && blocks.includes(id.slice(3, 4))) {
      throw new DatasetParseError({
        file: files.keyFile,
        line: entry.line,
        message: `key for ${id}, which has no question`,
      });
    }
  }
  const unused = log.leftOver(blocks)[0];
  if (unused !== undefined) {
    throw new DatasetParseError({
      file: files.blocks.find((entry) => entry.block === unused.id.slice(3, 4))?.file ?? files.keyFile,
      message: `repair '${unused.kind}' of ${unused.id} found no question to apply to`,
    });
  }
  return items;
}
