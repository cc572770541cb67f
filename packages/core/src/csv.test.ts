import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { DatasetParseError } from './errors';

function parseError(text: string): DatasetParseError {
  try {
    parseCsv(text, 'f.csv');
  } catch (error) {
    if (DatasetParseError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a DatasetParseError');
}

describe('parseCsv', () => {
  it('numbers each record by the line it starts on, across quoted newlines, CRLF and blank lines', () => {
    const text = '\uFEFFa,b\r\n"x\r\ny, z",w\r\n\r\n"say ""hi""",v\r\nlast,"1\n2\n3"\nend,e\n\n';
    expect(parseCsv(text, 'f.csv')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\r\ny, z', 'w'] },
      { line: 5, cells: ['say "hi"', 'v'] },
      { line: 6, cells: ['last', '1\n2\n3'] },
      { line: 9, cells: ['end', 'e'] },
    ]);
  });

  it('fails with file and the start line of a record with broken quoting', () => {
    expect(parseError('a,b\nc,"d\ne,f\n').message).toMatch(/^f\.csv:2: not valid CSV: Quote Not Closed/);
    const opening = parseError('a,b\r\n"x\r\ny",z\r\n\r\nc"x",d\r\n');
    expect([opening.file, opening.line]).toEqual(['f.csv', 5]);
    expect(opening.message).toMatch(/^f\.csv:5: not valid CSV: Invalid Opening Quote/);
    expect(opening.message).not.toMatch(/at line/);
  });
});
