import { readFileSync } from 'node:fs';
import { DatasetParseError, parseJsonl } from '@kensa/core';

export interface PreferenceDatasetLengths {
  readonly file: string;
  readonly pairs: number;
  readonly format: 'standard' | 'conversational';
  /** Characters, not tokens: the prompt as text (conversational: the messages' contents together). */
  readonly longestPromptChars: number;
  readonly longestCompletionChars: number;
  /** The rows as read, e.g. to count their tokens with a real tokenizer. */
  readonly rows: readonly { prompt: unknown; chosen: unknown; rejected: unknown }[];
}

/** A prompt or completion in characters: a string, or the contents of its chat messages together. */
export function contentLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value))
    return value.reduce(
      (total: number, message) => total + (typeof message?.content === 'string' ? message.content.length : 0),
      0,
    );
  return 0;
}

/**
 * Measures a dataset written by `kensa rpo build` (either format), in characters: how many pairs, and its longest
 * prompt and completion, to set TRL's length limits from. `shown` names the file in errors.
 */
export function measurePreferenceDataset(file: string, shown = file): PreferenceDatasetLengths {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DatasetParseError({
      file: shown,
      message: `cannot read the dataset (${(error as Error).message})`,
    });
  }
  let longestPromptChars = 0;
  let longestCompletionChars = 0;
  let format: PreferenceDatasetLengths['format'] = 'standard';
  const rows = parseJsonl(text, shown);
  for (const { line, value } of rows) {
    const row = value as { prompt?: unknown; chosen?: unknown; rejected?: unknown };
    if (typeof row !== 'object' || row === null || row.prompt === undefined || row.chosen === undefined) {
      throw new DatasetParseError({
        file: shown,
        line,
        message: 'expected a TRL preference row {prompt, chosen, rejected}',
      });
    }
    if (Array.isArray(row.prompt)) format = 'conversational';
    longestPromptChars = Math.max(longestPromptChars, contentLength(row.prompt));
    longestCompletionChars = Math.max(
      longestCompletionChars,
      contentLength(row.chosen),
      contentLength(row.rejected),
    );
  }
  return {
    file: shown,
    pairs: rows.length,
    format,
    longestPromptChars,
    longestCompletionChars,
    rows: rows.map(({ value }) => value as PreferenceDatasetLengths['rows'][number]),
  };
}
