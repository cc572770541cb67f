import { DatasetParseError, type Item, itemSchema, parseCsv, validateRecord } from '@kensa/core';

const answerLetters = ['A', 'B', 'C', 'D'];

/**
 * Parses one JMMLU subject file: no header; each record is `question, A, B, C, D, answer` with the answer a
 * letter A–D. Cells are trimmed (many options carry stray spaces upstream); newlines inside a question are
 * kept, written as LF whatever the file's line ends (high_school_biology.csv uses CRLF). Item ids are `jmmlu:<subject>:<n>`, n being the record's 0-based position in the file. Errors name the
 * file and the line the record starts on.
 */
export function parseJmmluCsv(text: string, file: string, subject: string): Item[] {
  return parseCsv(text, file).map(({ line, cells }, position) => {
    const fail = (message: string) => new DatasetParseError({ file, line, message });
    if (cells.length !== 6) {
      throw fail(`the record has ${cells.length} cells, expected 6 (question, A, B, C, D, answer)`);
    }
    const [question, a, b, c, d, answer] = cells.map((cell) => cell.replace(/\r\n/g, '\n').trim());
    if (!question) throw fail('the question is empty');
    const choices = [a, b, c, d].map((choice, index) => {
      if (!choice) throw fail(`option ${answerLetters[index]} is empty`);
      return choice;
    });
    if (answer === undefined || !answerLetters.includes(answer)) {
      throw fail(`the answer is '${answer ?? ''}', expected one of A, B, C, D`);
    }
    return validateRecord(
      itemSchema,
      {
        id: `jmmlu:${subject}:${position}`,
        kind: 'choice',
        question,
        choices,
        choose: 1,
        answer: [answer.toLowerCase()],
        category: subject,
      },
      file,
      line,
    );
  });
}
