import { DatasetParseError } from './errors';

/** One parsed JSON Lines record with the 1-based line it came from. */
export interface JsonlRecord {
  readonly line: number;
  readonly value: unknown;
}

/**
 * Parses JSON Lines text. Blank lines are skipped; a line that is not JSON fails with the file and line, so a
 * user can open the file at the right place.
 */
export function parseJsonl(text: string, file: string): JsonlRecord[] {
  const records: JsonlRecord[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    try {
      records.push({ line: index + 1, value: JSON.parse(raw) });
    } catch (error) {
      throw new DatasetParseError({
        file,
        line: index + 1,
        message: `not valid JSON (${(error as Error).message})`,
      });
    }
  }
  return records;
}
