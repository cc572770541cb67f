// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DatasetParseError } from '@kensa/core';
import { readSha256Sums, sharedDataDir } from '@kensa/test-support';
import { readSourceFiles } from '@kensa/testing';
import { describe, expect, it } from 'vitest';
import { createJMMLUMed, jmmluMed } from './index';

const mirror = path.join(sharedDataDir(), 'jmmlu');
const contents = readSourceFiles(mirror, jmmluMed.sources);
const items = jmmluMed.parse(contents);
const byId = new Map(items.map((item) => [item.id, item]));

function parseError(file: string, text: string): DatasetParseError {
  try {
    jmmluMed.parse(new Map([...contents, [file, text]]));
  } catch (error) {
    if (DatasetParseError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a DatasetParseError');
}

describe('jmmlu-med on the shared mirror', () => {
  it('pins each file to the commit and the checksum the mirror was verified against', () => {
    const sums = readSha256Sums(path.join(mirror, 'SHA256SUMS'));
    expect(jmmluMed.sources).toHaveLength(9);
    for (const file of jmmluMed.sources) {
      expect(file.url).toBe(
        `https://raw.githubusercontent.com/nlp-waseda/JMMLU/762cbf192c9e4588b574d718f95afd64c96fcbf4/${file.path}`,
      );
      expect(file.sha256).toBe(sums.get(file.path));
      const actual = createHash('sha256')
        .update(readFileSync(path.join(mirror, file.path)))
        .digest('hex');
      expect(actual).toBe(file.sha256);
    }
  });

  it('parses the 1,271 questions with the per-subject counts of SOURCE.md', () => {
    const counts: Record<string, number> = {};
    for (const item of items) counts[item.category ?? ''] = (counts[item.category ?? ''] ?? 0) + 1;
    expect(counts).toEqual({
      anatomy: 132,
      clinical_knowledge: 150,
      college_biology: 143,
      college_medicine: 150,
      high_school_biology: 148,
      medical_genetics: 99,
      nutrition: 149,
      professional_medicine: 150,
      virology: 150,
    });
    expect(items).toHaveLength(1271);
    expect(new Set(items.map((item) => item.id)).size).toBe(1271);
    expect(items.every((item) => item.choices.length === 4 && item.answer.length === 1)).toBe(true);
  });

  it('drops the BOM and trims the stray spaces around cells', () => {
    expect(byId.get('jmmlu:anatomy:0')?.question.startsWith('「皿状顔貌')).toBe(true);
    expect(byId.get('jmmlu:anatomy:1')).toMatchObject({
      choices: ['膀胱', '腎臓', '尿管', '尿道'],
      answer: ['a'],
    });
    const cells = items.flatMap((item) => [item.question, ...item.choices]);
    expect(cells.filter((cell) => cell !== cell.trim())).toEqual([]);
    expect(cells.filter((cell) => cell.includes('\r'))).toEqual([]);
  });

  it('keeps the newlines inside quoted questions (college_medicine 13, high_school_biology 2)', () => {
    const multiline = (subject: string) =>
      items.filter(
        (item) =>
          item.category === subject && [item.question, ...item.choices].some((cell) => cell.includes('\n')),
      ).length;
    expect(multiline('college_medicine')).toBe(13);
    expect(multiline('high_school_biology')).toBe(2);
    expect(byId.get('jmmlu:college_medicine:1')?.question).toMatch(
      /^次の記述のうち.*\nI\. 味覚系 \nII\. 聴覚系/s,
    );
  });

  it('selects subjects, in canonical order, and refuses unknown ones', () => {
    const two = createJMMLUMed({ subjects: ['virology', 'anatomy'] });
    expect(two.sources.map((file) => file.path)).toEqual(['JMMLU/anatomy.csv', 'JMMLU/virology.csv']);
    expect(two.parse(contents)).toHaveLength(282);
    expect(() => createJMMLUMed({ subjects: ['geography' as never] })).toThrow(
      /Unknown JMMLU medical subject/,
    );
    expect(() => createJMMLUMed({ subjects: [] })).toThrow(/at least one subject/);
  });

  it('fails with file and the line a record starts on, counting quoted newlines', () => {
    const medicine = contents.get('JMMLU/college_medicine.csv') ?? '';
    // Record 1 spans lines 2–5, so record 2 starts on line 6.
    const records = medicine.split('\n');
    const line6 = records[5] ?? '';
    const broken = parseError(
      'JMMLU/college_medicine.csv',
      medicine.replace(line6, line6.replace(/,[A-D]$/, ',E')),
    );
    expect([broken.file, broken.line]).toEqual(['JMMLU/college_medicine.csv', 6]);
    expect(broken.message).toContain("the answer is 'E'");

    // Two quoted cells of high_school_biology.csv hold CRLF; the records themselves end in LF.
    const biology = contents.get('JMMLU/high_school_biology.csv') ?? '';
    expect(biology.match(/\r\n/g)).toHaveLength(2);
    const lines = biology.split('\n');
    const last = lines.length - 2; // the file ends with a line break
    lines[last] = (lines[last] ?? '').replace(/,[A-D]$/, '');
    const short = parseError('JMMLU/high_school_biology.csv', lines.join('\n'));
    expect([short.file, short.line]).toEqual(['JMMLU/high_school_biology.csv', 150]);
    expect(short.message).toContain('the record has 5 cells, expected 6');
  });
});
