import { parse } from 'csv-parse/sync';
import { DatasetParseError } from './errors';

/** One CSV record: its cells, and the 1-based line it starts on (a quoted cell may span lines). */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

const lineFeed = 0x0a;
const carriageReturn = 0x0d;

/**
 * Finds the line a record starts on from its byte offset. csv-parse's own line counter counts a CRLF inside a
 * quoted cell twice, so it drifts in CRLF files; byte offsets are exact. Offsets only move forward.
 */
function lineFinder(bytes: Uint8Array) {
  let position = 0;
  let line = 1;
  return (offset: number): number => {
    let start = offset;
    // Blank lines before a record are skipped by the parser; the record starts after them.
    while (bytes[start] === lineFeed || bytes[start] === carriageReturn) start++;
    for (; position < start && position < bytes.length; position++) {
      if (bytes[position] === lineFeed) line++;
    }
    return line;
  };
}

/**
 * Reads RFC 4180 CSV with csv-parse: quoted cells may hold commas, doubled quotes and newlines; a leading BOM
 * is dropped; LF and CRLF line ends are both accepted; blank lines are skipped. Records may differ in length
 * (the caller checks). Malformed quoting fails with the file and the line the broken record starts on.
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const bytes = new TextEncoder().encode(text);
  const lineAt = lineFinder(bytes);
  const records: CsvRecord[] = [];
  let recordStart = 0;
  try {
    parse(text, {
      bom: true,
      delimiter: ',',
      record_delimiter: ['\r\n', '\n'],
      relax_column_count: true,
      skip_empty_lines: true,
      // Collected here rather than returned, which keeps csv-parse's typings for plain arrays.
      on_record: (cells, context) => {
        records.push({ line: lineAt(recordStart), cells });
        recordStart = context.bytes;
        return null;
      },
    });
    return records;
  } catch (error) {
    // csv-parse's "at line N" is its own (drifting) count; the record's start line replaces it.
    const detail = (error as Error).message.replace(/\s+at line \d+/, '');
    throw new DatasetParseError({
      file,
      line: lineAt(recordStart),
      message: `not valid CSV: ${detail}`,
      cause: error,
    });
  }
}
