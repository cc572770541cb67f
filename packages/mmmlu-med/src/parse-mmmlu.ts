import { DatasetParseError, type Item, itemSchema, parseCsv, validateRecord } from '@kensa/core';

const columns = ['Question', 'A', 'B', 'C', 'D', 'Answer', 'Subject'] as const;
const answerLetters = ['A', 'B', 'C', 'D'];

/**
 * Parses MMMLU's `test/mmlu_<locale>.csv` into items of the chosen subjects. The header is
 * `Question,A,B,C,D,Answer,Subject`, possibly after an unnamed index column (pandas' row index), which then gives
 * the item id `mmmlu:<index>`; without one, the id is the record's 0-based position after the header, which is
 * the same number. Cells are kept as written. Every record must have the header's width; in the chosen subjects
 * the question and options must not be blank and `Answer` must be a letter A–D. Errors name the file and the
 * line the record starts on.
 */
export function parseMmmluCsv(text: string, file: string, subjects: ReadonlySet<string>): Item[] {
  const [header, ...records] = parseCsv(text, file);
  if (header === undefined) throw new DatasetParseError({ file, line: 1, message: 'the file is empty' });
  const names = header.cells.map((cell) => cell.trim());
  const indexed = names[0] === '' || names[0] === 'Unnamed: 0';
  const named = indexed ? names.slice(1) : names;
  if (named.join(',') !== columns.join(',')) {
    throw new DatasetParseError({
      file,
      line: header.line,
      message: `the header is '${header.cells.join(',')}', expected '${columns.join(',')}' (optionally after an unnamed index column)`,
    });
  }
  const offset = indexed ? 1 : 0;
  const cell = (cells: readonly string[], name: (typeof columns)[number]) =>
    cells[offset + columns.indexOf(name)] ?? '';

  const items: Item[] = [];
  const seen = new Set<string>();
  records.forEach(({ line, cells }, position) => {
    const fail = (message: string) => new DatasetParseError({ file, line, message });
    if (cells.length !== names.length) {
      throw fail(`the record has ${cells.length} cells, expected ${names.length} as in the header`);
    }
    const index = indexed ? (cells[0] ?? '').trim() : String(position);
    if (!/^\d+$/.test(index)) throw fail(`the index column holds '${index}', not a row number`);
    const id = `mmmlu:${index}`;
    if (seen.has(id)) throw fail(`row index ${index} appears twice`);
    seen.add(id);

    const subject = cell(cells, 'Subject').trim();
    if (!subjects.has(subject)) return;
    const question = cell(cells, 'Question');
    if (question.trim() === '') throw fail('the question is empty');
    const choices = answerLetters.map((letter) => {
      const choice = cell(cells, letter as (typeof columns)[number]);
      if (choice.trim() === '') throw fail(`option ${letter} is empty`);
      return choice;
    });
    const answer = cell(cells, 'Answer').trim();
    if (!answerLetters.includes(answer)) throw fail(`Answer is '${answer}', expected one of A, B, C, D`);
    items.push(
      validateRecord(
        itemSchema,
        {
          id,
          kind: 'choice',
          question,
          choices,
          choose: 1,
          answer: [answer.toLowerCase()],
          category: subject,
        },
        file,
        line,
      ),
    );
  });
  return items;
}
