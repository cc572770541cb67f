import { parseSmallCount, toHalfWidth } from './full-width';

/** How a numeric-entry answer is written and rounded, read from the question's stem. */
export interface NumericFormat {
  /** Decimal places the answer is rounded to (四捨五入); absent when the stem gives no rounding rule. */
  readonly decimals?: number;
  /** The answer sheet's boxes after 解答：, e.g. `①.②g/日`: one circled number a digit. */
  readonly template?: string;
}

const roundingPattern = /小数第\s*([0-9０-９一二三四五六七八九])\s*位を四捨五入/;
const templatePattern = /解答\s*[:：]\s*([^\n]*[\u2460-\u2473][^\n]*)$/;
const boxPattern = /[\u2460-\u2473]/g;

/**
 * Reads the rounding rule and answer boxes from a numeric question's stem.
 * 「小数第1位を四捨五入」 rounds to an integer, 「小数第2位を四捨五入」 to one decimal place, and so on.
 */
export function numericFormatFromStem(stem: string): NumericFormat {
  const rounding = roundingPattern.exec(stem);
  const template = templatePattern.exec(stem.trim());
  const place = rounding ? parseSmallCount(rounding[1] ?? '') : undefined;
  return {
    ...(place === undefined ? {} : { decimals: place - 1 }),
    ...(template?.[1] === undefined ? {} : { template: template[1].trim() }),
  };
}

/** How many digit boxes (①②③…) a template has. */
export function boxCount(template: string): number {
  return template.match(boxPattern)?.length ?? 0;
}

/**
 * Writes digits into a template's boxes and reads the number they make: `①.②` with `04` is 0.4, `①②.③/人口1,000対`
 * with `100` is 10.0, `1, ①②③ kcal` with `130` is 1130. Only the part up to the last box is the number; what
 * follows is its unit. Returns undefined when the digits do not fill the boxes exactly.
 */
export function fillTemplate(template: string, digits: string): number | undefined {
  if (!/^\d+$/.test(digits) || digits.length !== boxCount(template)) return undefined;
  let next = 0;
  const filled = template.replace(boxPattern, () => digits[next++] ?? '');
  const lastBox = template.search(/[\u2460-\u2473](?!.*[\u2460-\u2473])/s);
  const numberPart = filled.slice(0, lastBox + 1).replace(/[^0-9.]/g, '');
  const value = Number(numberPart);
  return numberPart === '' || Number.isNaN(value) ? undefined : value;
}

/** Rounds half up (四捨五入) to a number of decimal places, robust to binary noise such as 0.15 → 0.1499…. */
export function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor + Math.sign(value) * 1e-9) / factor;
}

/** The key's value: a key of bare digits that fills the boxes is read through the template. */
export function numericKeyValue(key: string, format: NumericFormat): number | undefined {
  const half = toHalfWidth(key).trim();
  if (format.template !== undefined) {
    const filled = fillTemplate(format.template, half.replace('.', ''));
    if (filled !== undefined) return filled;
  }
  const value = Number(half.replace(/,/g, ''));
  return half === '' || Number.isNaN(value) ? undefined : value;
}

/** Whether two values are the same number once both are rounded by the question's rule. */
export function sameNumber(a: number, b: number, format: NumericFormat): boolean {
  if (format.decimals === undefined) return Math.abs(a - b) < 1e-9;
  return roundHalfUp(a, format.decimals) === roundHalfUp(b, format.decimals);
}
