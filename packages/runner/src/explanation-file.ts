import { readFileSync } from 'node:fs';
import { DatasetParseError, parseJsonl } from '@kensa/core';

/** An explanation for one question, from a user's file, with the line it came from. */
export interface ExplanationEntry {
  readonly explanation: string;
  readonly line: number;
}

/**
 * Parses a file of explanations for ground-truth responses, one JSON object a line in IgakuQA's naming:
 * `{"problem_id": "110A1", "explanation": "…"}` (other fields are ignored). Errors name the file and line.
 */
export function parseExplanationFile(text: string, file: string): Map<string, ExplanationEntry> {
  const explanations = new Map<string, ExplanationEntry>();
  for (const { line, value } of parseJsonl(text, file)) {
    const record = value as { problem_id?: unknown; explanation?: unknown };
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DatasetParseError({
        file,
        line,
        message: 'expected an object {"problem_id", "explanation"}',
      });
    }
    if (typeof record.problem_id !== 'string' || record.problem_id.trim() === '') {
      throw new DatasetParseError({
        file,
        line,
        message: 'problem_id: expected the question id, e.g. "110A1"',
      });
    }
    if (typeof record.explanation !== 'string' || record.explanation.trim() === '') {
      throw new DatasetParseError({
        file,
        line,
        message: `explanation of ${record.problem_id}: expected a non-empty string`,
      });
    }
    const earlier = explanations.get(record.problem_id);
    if (earlier !== undefined) {
      throw new DatasetParseError({
        file,
        line,
        message: `${record.problem_id} already has an explanation on line ${earlier.line}`,
      });
    }
    explanations.set(record.problem_id, { explanation: record.explanation, line });
  }
  return explanations;
}

/** Reads `--explanations FILE`. */
export function readExplanationFile(file: string): Map<string, ExplanationEntry> {
  return parseExplanationFile(readFileSync(file, 'utf8'), file);
}
