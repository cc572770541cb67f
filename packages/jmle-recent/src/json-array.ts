import { DatasetParseError, type JsonlRecord } from '@kensa/core';
import { getNodeValue, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';

/** 1-based line of each offset, for offsets in increasing order or not. */
function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/**
 * Parses a file holding one JSON array (strict JSON: no comments, no trailing commas) and gives each element
 * with the line it starts on, so errors about a record name the line to open. A syntax error names its line.
 */
export function parseJsonArray(text: string, file: string): JsonlRecord[] {
  const body = text.replace(/^\uFEFF/, '');
  const lineAt = lineFinder(body);
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false });
  const error = errors[0];
  if (error !== undefined) {
    throw new DatasetParseError({
      file,
      line: lineAt(error.offset),
      message: `not valid JSON (${printParseErrorCode(error.error)})`,
    });
  }
  if (root?.type !== 'array') {
    throw new DatasetParseError({ file, line: 1, message: 'expected a JSON array of questions' });
  }
  return (root.children ?? []).map((node) => ({ line: lineAt(node.offset), value: getNodeValue(node) }));
}
