import { DatasetParseError, type JsonlRecord } from '@kensa/core';

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) if (text[index] === '\n') line++;
  return line;
}

/** Offsets where each element of the top-level array starts, found by scanning outside strings. */
function elementStarts(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === ' ' || char === '\n' || char === '\r' || char === '\t') continue;
    if (depth === 1 && expectElement && char !== ']') {
      starts.push(index);
      expectElement = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 1) expectElement = true;
  }
  return starts;
}

/**
 * Parses a file holding one JSON array and gives each element with the line it starts on, so errors about a
 * record name the line to open. A file that is not JSON fails naming the line of the syntax error.
 */
export function parseJsonArray(text: string, file: string): JsonlRecord[] {
  const body = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = /line (\d+)/.exec(message)?.[1];
    throw new DatasetParseError({
      file,
      line: line !== undefined ? Number(line) : position !== undefined ? lineAt(body, Number(position)) : 1,
      message: `not valid JSON (${message})`,
    });
  }
  if (!Array.isArray(value)) {
    throw new DatasetParseError({ file, line: 1, message: 'expected a JSON array of questions' });
  }
  const starts = elementStarts(body);
  return value.map((element, index) => ({ line: lineAt(body, starts[index] ?? 0), value: element }));
}
