import { toHalfWidth } from './full-width';
import { splitThinking } from './think-block';

const answerLabel = /(?:最終的な)?(?:答え|回答|解答|正解|answer)\s*(?:は)?\s*[:：]?/gi;
const bracketPattern = /[()（）[\]［］「」『』【】〔〕<>＜＞*`_]/g;
const separatorPattern = /\s*(?:[,、，・/]|と|および|及び|and)\s*|\s+/gi;

/** Removes Markdown emphasis, brackets and a trailing period around an answer. */
function tidy(text: string): string {
  return toHalfWidth(text)
    .replace(bracketPattern, ' ')
    .trim()
    .replace(/[.。]+$/, '')
    .trim();
}

/**
 * Reads a list of choice letters (`a,c`, `ａ、ｃ`, `(a) と (c)`, `A・C。`) into sorted, distinct, lowercase
 * letters; undefined when anything else is in the text.
 */
export function parseChoiceList(text: string): string[] | undefined {
  const tidied = tidy(text);
  if (tidied === '') return undefined;
  const tokens = tidied.split(separatorPattern).filter((token) => token !== '');
  const letters: string[] = [];
  for (const token of tokens) {
    const letter = token.replace(/[.:：)]$/, '').toLowerCase();
    if (!/^[a-z]$/.test(letter)) return undefined;
    letters.push(letter);
  }
  return letters.length === 0 ? undefined : [...new Set(letters)].sort();
}

/** The text after the last answer label (`答え:`, `回答：`, `解答:`, `Answer:`), or after it on the next line. */
function lastLabelledAnswer(text: string): string | undefined {
  let last: RegExpExecArray | undefined;
  for (const match of text.matchAll(answerLabel)) last = match as RegExpExecArray;
  if (last === undefined) return undefined;
  const rest = text.slice(last.index + last[0].length);
  const lines = rest.split('\n').map((line) => line.trim());
  return lines.find((line) => line !== '');
}

/** The result of reading an answer from a reply: what was read, or why nothing was. */
export type Extraction<T> = { ok: true; value: T; from: string } | { ok: false; reason: string };

/**
 * Reads the chosen letters from a model reply: the last labelled answer line if there is one, else the whole
 * reply when it is nothing but a letter list. Never throws; a reply it cannot read is `ok: false`.
 */
export function extractChoiceAnswer(reply: string): Extraction<string[]> {
  const { answer } = splitThinking(reply);
  const labelled = lastLabelledAnswer(toHalfWidth(answer));
  for (const candidate of [labelled, answer, answer.split('\n').pop()]) {
    if (candidate === undefined) continue;
    const letters = parseChoiceList(candidate);
    if (letters !== undefined) return { ok: true, value: letters, from: candidate.trim() };
  }
  return {
    ok: false,
    reason:
      labelled === undefined
        ? 'no answer line and no bare letter list'
        : `answer line '${labelled}' is not a letter list`,
  };
}

const numberPattern = /[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-−]?\d+(?:\.\d+)?/g;

/**
 * Reads a numeric answer: the last number in the labelled answer line (or in the reply), with full-width digits
 * folded, thousands separators and units dropped. `digits` is the number as written, for answers given as the
 * digits of the answer boxes (`04` for ①.②).
 */
export function extractNumericAnswer(reply: string): Extraction<{ value: number; digits: string }> {
  const { answer } = splitThinking(reply);
  const half = toHalfWidth(answer);
  const region = lastLabelledAnswer(half) ?? half;
  const numbers = region.replace(/[\u2460-\u2473]/g, ' ').match(numberPattern);
  const written = numbers?.at(-1);
  if (written === undefined) return { ok: false, reason: 'no number in the reply' };
  const plain = written.replace(/,/g, '').replace('−', '-');
  return { ok: true, value: { value: Number(plain), digits: plain }, from: region.trim() };
}
