/**
 * Folds full-width ASCII (ａ Ａ ２ ， ．) and the ideographic space to their half-width forms, the way the
 * IgakuQA generation scripts did with `mojimoji.zen_to_han`, so replies typed with a Japanese IME compare equal.
 */
export function toHalfWidth(text: string): string {
  // Most replies hold nothing to fold; a test is cheaper than two replaces that change nothing.
  if (!foldable.test(text)) return text;
  return text
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

const foldable = /[\uFF01-\uFF5E\u3000]/;

const kanjiDigits: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Parses a small count written in ASCII, full-width or kanji digits (`2`, `２`, `二`). */
export function parseSmallCount(text: string): number | undefined {
  const half = toHalfWidth(text);
  if (/^\d+$/.test(half)) return Number(half);
  return kanjiDigits[text];
}
