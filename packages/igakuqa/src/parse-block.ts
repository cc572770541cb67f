import {
  chooseCountFromStem,
  DatasetParseError,
  type ExclusionRuling,
  type Item,
  itemSchema,
  numericFormatFromStem,
  parseJsonl,
  parseSmallCount,
  toHalfWidth,
  validateRecord,
} from '@kensa/core';
import { sectionOfBlock } from './exams';
import {
  type MetadataRecord,
  metadataRecordSchema,
  type QuestionRecord,
  questionRecordSchema,
} from './records';
import { zeroPointRuling } from './rulings';

export interface BlockFiles {
  readonly exam: string;
  readonly year: number;
  readonly block: string;
  readonly questionsFile: string;
  readonly questions: string;
  readonly metadataFile: string;
  readonly metadata: string;
}

/** 禁忌肢 letters as annotated (`ｂ`, and `de` meaning d and e), as separate half-width letters. */
function kinkiLetters(values: readonly string[]): string[] {
  return values.flatMap((value) =>
    [...toHalfWidth(value).toLowerCase()].filter((char) => /[a-z]/.test(char)),
  );
}

function percent(value: string): number | undefined {
  const number = Number.parseFloat(value);
  return Number.isNaN(number) ? undefined : number;
}

/** The key as letters; a key that is not letters (112B30 reads "a or d") must be settled by a ruling. */
function choiceKey(record: QuestionRecord, ruling: ExclusionRuling | undefined): string[] | undefined {
  if (record.answer.every((letter) => /^[a-z]$/.test(letter))) return record.answer;
  return ruling?.kind === 'alternative-keys' ? ruling.keys[0] : undefined;
}

function toItem(
  files: BlockFiles,
  record: QuestionRecord,
  metadata: MetadataRecord | undefined,
  rulings: Readonly<Record<string, ExclusionRuling>>,
  line: number,
): Item {
  const points = Number(record.points);
  const ruling = points === 0 ? zeroPointRuling : rulings[record.problem_id];
  const numeric = record.choices.length === 0;
  const answer = numeric ? record.answer : choiceKey(record, ruling);
  if (answer === undefined) {
    throw new DatasetParseError({
      file: files.questionsFile,
      line,
      message: `answer ${JSON.stringify(record.answer)} of ${record.problem_id} is not choice letters and no ruling settles it`,
    });
  }
  const candidate = {
    id: record.problem_id,
    kind: numeric ? 'numeric' : 'choice',
    question: record.problem_text,
    choices: record.choices,
    choose: numeric ? 0 : chooseCountFromStem(record.problem_text),
    answer,
    ...(numeric ? { numeric: numericFormatFromStem(record.problem_text) } : {}),
    points,
    exam: files.exam,
    year: files.year,
    block: files.block,
    section: sectionOfBlock(files.block),
    ...(ruling === undefined ? {} : { ruling }),
    hasImage: !record.text_only,
    ...(metadata === undefined
      ? {}
      : {
          category: metadata.category,
          kinki: kinkiLetters(metadata.kinki),
          ...(percent(metadata.human_accuracy) === undefined
            ? {}
            : { humanAccuracy: percent(metadata.human_accuracy) }),
          breakdown: metadata.breakdown.map((value) => percent(value) ?? 0),
        }),
  };
  return validateRecord(itemSchema, candidate, files.questionsFile, line);
}

/**
 * Parses one block's question file and joins its metadata by problem id. Every question needs a metadata
 * line and every metadata line a question, so a file from another exam or block cannot slip in.
 */
export function parseBlock(files: BlockFiles, rulings: Readonly<Record<string, ExclusionRuling>>): Item[] {
  const metadata = new Map<string, MetadataRecord>();
  for (const { line, value } of parseJsonl(files.metadata, files.metadataFile)) {
    const record = validateRecord(metadataRecordSchema, value, files.metadataFile, line);
    if (metadata.has(record.problem_id)) {
      throw new DatasetParseError({
        file: files.metadataFile,
        line,
        message: `duplicate problem_id ${record.problem_id}`,
      });
    }
    metadata.set(record.problem_id, record);
  }
  const items: Item[] = [];
  const prefix = `${files.exam}${files.block}`;
  for (const { line, value } of parseJsonl(files.questions, files.questionsFile)) {
    const record = validateRecord(questionRecordSchema, value, files.questionsFile, line);
    if (
      !record.problem_id.startsWith(prefix) ||
      parseSmallCount(record.problem_id.slice(prefix.length)) === undefined
    ) {
      throw new DatasetParseError({
        file: files.questionsFile,
        line,
        message: `problem_id ${record.problem_id} does not belong to exam ${files.exam} block ${files.block}`,
      });
    }
    const meta = metadata.get(record.problem_id);
    if (meta === undefined) {
      throw new DatasetParseError({
        file: files.metadataFile,
        message: `no metadata line for ${record.problem_id} (question at ${files.questionsFile}:${line})`,
      });
    }
    metadata.delete(record.problem_id);
    items.push(toItem(files, record, meta, rulings, line));
  }
  const orphan = metadata.keys().next();
  if (!orphan.done) {
    throw new DatasetParseError({
      file: files.metadataFile,
      message: `metadata for ${orphan.value}, which has no question`,
    });
  }
  return items;
}
