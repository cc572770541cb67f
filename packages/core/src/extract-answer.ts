import { toHalfWidth } from './full-width';
import { splitThinking } from './think-block';

/**
 * An answer label: 答え / 回答 / 解答 / 正解 / 最終解答 / Answer, followed by a colon or は (「答えは c」), so
 * that words such as 不正解 or "this answer" in the prose are not taken for labels.
 */
const answerLabel = /(?:最終的な|最終)?(?:答え|回答|解答|正解|answer)\s*(?:(?:は|is)\s*[:：]?|[:：])/gi;
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

const leadingList =
  /^[\s(（[［「『【*`]*[a-z](?:[\s)）\]］」』】*`.]*(?:[,、，・/]|と|および|及び|and|\s)[\s(（[［「『【*`]*[a-z])*(?![a-z])/i;

/**
 * A letter list at the start of an answer line, before any prose: `b と e です。` → b, e; `c（肺炎球菌）` → c.
 * A word that merely starts with a letter (`dog`) is not a list.
 */
function leadingChoiceList(text: string): string[] | undefined {
  const match = leadingList.exec(toHalfWidth(text));
  return match === null ? undefined : parseChoiceList(match[0]);
}

/** The text after each answer label, latest first: the rest of its line, or the next non-empty line. */
function labelledAnswers(text: string): string[] {
  const answers: string[] = [];
  for (const match of text.matchAll(answerLabel)) {
    const rest = text.slice((match.index ?? 0) + match[0].length);
    const line = rest
      .split('\n')
      .map((candidate) => candidate.trim())
      .find((candidate) => candidate !== '');
    if (line !== undefined) answers.unshift(line);
  }
  return answers;
}

/** The result of reading an answer from a reply: what was read, or why nothing was. */
export type Extraction<T> = { ok: true; value: T; from: string } | { ok: false; reason: string };

/**
 * Reads the chosen letters from a model reply: the latest labelled answer (`答え: b,e`, `正解はcです`) that
 * holds a letter list, else the whole reply or its last line when that is nothing but a letter list. Never
 * throws; a reply it cannot read is `ok: false` with the reason.
 */
export function extractChoiceAnswer(reply: string): Extraction<string[]> {
  const answer = toHalfWidth(splitThinking(reply).answer);
  const labelled = labelledAnswers(answer);
  for (const candidate of labelled) {
    const letters = parseChoiceList(candidate) ?? leadingChoiceList(candidate);
    if (letters !== undefined) return { ok: true, value: letters, from: candidate };
  }
  for (const candidate of [answer, answer.trim().split('\n').pop() ?? '']) {
    const letters = parseChoiceList(candidate);
    if (letters !== undefined) return { ok: true, value: letters, from: candidate.trim() };
  }
  return {
    ok: false,
    reason:
      labelled[0] === undefined
        ? 'no answer line and no bare letter list'
        : `answer line '${labelled[0]}' is not a letter list`,
  };
}

const numberPattern = /[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-−]?\d+(?:\.\d+)?/g;
const boxedDigit = /[\u2460-\u2473]\s*[:：=]?\s*(\d)/g;

/**
 * Reads a numeric answer. In a labelled answer line the first number is the answer (what follows is its unit,
 * which may hold numbers: `10.0/人口1,000対`); without a label, the reply's last number. Digits written beside
 * the answer boxes (`①0 ②4`) are read in box order. `digits` is the answer as written, for answers given as
 * the boxes' digits (`04` for ①.②).
 */
export function extractNumericAnswer(reply: string): Extraction<{ value: number; digits: string }> {
  const answer = toHalfWidth(splitThinking(reply).answer);
  const labelled = labelledAnswers(answer).find((line) => /\d/.test(line));
  const region = labelled ?? answer;
  const boxes = [...region.matchAll(boxedDigit)].map((match) => match[1]).join('');
  const numbers = region.match(numberPattern) ?? [];
  const written = boxes !== '' ? boxes : labelled !== undefined ? numbers[0] : numbers.at(-1);
  if (written === undefined) return { ok: false, reason: 'no number in the reply' };
  const plain = written.replace(/,/g, '').replace('−', '-');
  return { ok: true, value: { value: Number(plain), digits: plain }, from: region.trim() };
}
