import { parseSmallCount } from './full-width';

const choosePattern = /([0-9０-９一二三四五六七八九]+)\s*つ\s*(?:を)?選べ/g;

/**
 * How many choices a question asks for, read from its stem (「2つ選べ」「３つ選べ」「二つ選べ」), never from the
 * answer key, so a prompt cannot leak the key. A stem that names no count asks for one. Where a stem names
 * counts more than once, the last one governs (it is the instruction that closes the question).
 */
export function chooseCountFromStem(stem: string): number {
  let count = 1;
  for (const match of stem.matchAll(choosePattern)) {
    const parsed = parseSmallCount(match[1] ?? '');
    if (parsed !== undefined && parsed > 0) count = parsed;
  }
  return count;
}
