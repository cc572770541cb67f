import { describe, expect, it } from 'vitest';
import { extractChoiceAnswer, extractNumericAnswer, parseChoiceList } from './extract-answer';

describe('parseChoiceList', () => {
  it('reads letters separated by commas, 、, ・, と or spaces', () => {
    expect(parseChoiceList('a,c')).toEqual(['a', 'c']);
    expect(parseChoiceList('ａ、ｃ')).toEqual(['a', 'c']);
    expect(parseChoiceList('A・C。')).toEqual(['a', 'c']);
    expect(parseChoiceList('(a) と (c)')).toEqual(['a', 'c']);
    expect(parseChoiceList('b d')).toEqual(['b', 'd']);
    expect(parseChoiceList('a and e')).toEqual(['a', 'e']);
  });

  it('sorts and de-duplicates', () => {
    expect(parseChoiceList('c, a')).toEqual(['a', 'c']);
    expect(parseChoiceList('e,b,b')).toEqual(['b', 'e']);
  });

  it('strips Markdown emphasis, brackets and a trailing period', () => {
    expect(parseChoiceList('**b**')).toEqual(['b']);
    expect(parseChoiceList('【d】')).toEqual(['d']);
    expect(parseChoiceList('b.')).toEqual(['b']);
  });

  it('is undefined for text that is not just letters', () => {
    expect(parseChoiceList('the answer')).toBeUndefined();
    expect(parseChoiceList('')).toBeUndefined();
    expect(parseChoiceList('   ')).toBeUndefined();
    expect(parseChoiceList('a と 肺炎')).toBeUndefined();
    expect(parseChoiceList('26')).toBeUndefined();
  });
});

describe('extractChoiceAnswer', () => {
  it('reads the answer line at the end of a long explanation', () => {
    const reply = [
      '選択肢aは急性期には用いないため誤り。',
      '選択肢bは第一選択であり正しい。',
      '選択肢c、dは本症例の病態に合わない。',
      '選択肢eは合併症の予防に有効であり正しい。',
      '',
      '答え: b,e',
    ].join('\n');
    expect(extractChoiceAnswer(reply)).toEqual({ ok: true, value: ['b', 'e'], from: 'b,e' });
  });

  it('reads full-width labels and letters', () => {
    const result = extractChoiceAnswer('回答：Ｃ');
    expect(result.ok && result.value).toEqual(['c']);
  });

  it('reads an English answer label', () => {
    const result = extractChoiceAnswer('The vignette describes a tension pneumothorax.\nAnswer: d');
    expect(result.ok && result.value).toEqual(['d']);
  });

  it('reads the answer on the line after the label', () => {
    const result = extractChoiceAnswer('解答:\n\na, c');
    expect(result.ok && result.value).toEqual(['a', 'c']);
  });

  it('takes the last answer line when there are several', () => {
    const result = extractChoiceAnswer('答え: a\nいや、見直すと誤りだった。\n最終的な答え: d');
    expect(result.ok && result.value).toEqual(['d']);
  });

  it('ignores an answer inside a <think> block', () => {
    const result = extractChoiceAnswer('<think>最初は 答え: a と考えたが、禁忌なので違う。</think>答え: c');
    expect(result.ok && result.value).toEqual(['c']);
  });

  it('accepts a reply that is nothing but letters', () => {
    const result = extractChoiceAnswer('a、c');
    expect(result.ok && result.value).toEqual(['a', 'c']);
  });

  it('accepts a bare letter list on the last line of an explanation', () => {
    const result = extractChoiceAnswer('b と e は正しい記述である。\nb,e');
    expect(result.ok && result.value).toEqual(['b', 'e']);
  });

  it('keeps the answer line when later prose merely uses the word 正解', () => {
    // 「不正解」 is not an answer label: the answer line is still 「答え: c」.
    const result = extractChoiceAnswer('答え: c\n\n他の選択肢はいずれも不正解です。');
    expect(result.ok && result.value).toEqual(['c']);
  });

  it('reports why, without throwing, when no letters can be read', () => {
    const noAnswer = extractChoiceAnswer('この問題は判断できません。');
    expect(noAnswer.ok).toBe(false);
    expect(!noAnswer.ok && noAnswer.reason).toMatch(/\S/);

    const badLine = extractChoiceAnswer('答え: 肺炎');
    expect(badLine.ok).toBe(false);
    expect(!badLine.ok && badLine.reason).toContain('肺炎');

    expect(extractChoiceAnswer('').ok).toBe(false);
    expect(extractChoiceAnswer('<think>答え: a').ok).toBe(false);
  });
});

describe('extractNumericAnswer', () => {
  it('reads the number on the line after the label and drops the unit', () => {
    expect(extractNumericAnswer('LDL = 250 - 80 - 120/5 = 146\n答え:\n109mg/dl')).toEqual({
      ok: true,
      value: { value: 109, digits: '109' },
      from: '109mg/dl',
    });
  });

  it('drops thousands separators', () => {
    const result = extractNumericAnswer('1,130 kcal');
    expect(result.ok && result.value).toEqual({ value: 1130, digits: '1130' });
  });

  it('folds full-width digits and the full-width decimal point', () => {
    const result = extractNumericAnswer('０．４');
    expect(result.ok && result.value).toEqual({ value: 0.4, digits: '0.4' });
  });

  it('keeps the digits as written for answers given as box digits', () => {
    const result = extractNumericAnswer('答え: 04');
    expect(result.ok && result.value).toEqual({ value: 4, digits: '04' });
  });

  it('takes the last number of an unlabelled reply', () => {
    // 5 / 50 × 100 = 10: the working comes first, the result last.
    const result = extractNumericAnswer('5 / 50 × 100 = 10');
    expect(result.ok && result.value.value).toBe(10);
  });

  it('ignores numbers in a <think> block', () => {
    const result = extractNumericAnswer('<think>26 か 27 か</think>答え: 27');
    expect(result.ok && result.value.value).toBe(27);
  });

  it('does not read the number inside a unit that contains one', () => {
    // A real IgakuQA answer sheet is 「①②.③/人口1,000対」; a model that echoes it writes "10.0/人口1,000対",
    // whose number is 10.0, not the 1,000 of the unit.
    const result = extractNumericAnswer('答え: 10.0/人口1,000対');
    expect(result.ok && result.value.value).toBe(10);
  });

  it('reports a reply with no number, without throwing', () => {
    const result = extractNumericAnswer('わかりません');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/\S/);
  });
});

describe('extractChoiceAnswer on free-text answer lines', () => {
  const read = (reply: string) => {
    const result = extractChoiceAnswer(reply);
    return result.ok ? result.value : undefined;
  };

  it('reads a letter list that prose follows on the answer line', () => {
    expect(read('答えは b と e です。')).toEqual(['b', 'e']);
    expect(read('正解はcです')).toEqual(['c']);
    expect(read('答え: c（肺炎球菌）')).toEqual(['c']);
    expect(read('The answer is d.')).toEqual(['d']);
    expect(read('**回答：** ａ、ｄ')).toEqual(['a', 'd']);
  });

  it('does not take a word that starts with a letter for a letter', () => {
    expect(read('答え: dog')).toBeUndefined();
    expect(read('Answer: because of the history')).toBeUndefined();
  });

  it('prefers the latest answer label that holds letters', () => {
    expect(read('答え: b\n見直します。\n最終解答: d')).toEqual(['d']);
    expect(read('答え: d\n（答えは以上です）')).toEqual(['d']);
  });
});

describe('extractNumericAnswer on answer boxes', () => {
  it('reads digits written beside the boxes in box order', () => {
    const result = extractNumericAnswer('答え: ①0 ②4');
    expect(result.ok && result.value.digits).toBe('04');
  });

  it('takes the last number of an unlabelled reply', () => {
    const result = extractNumericAnswer('PaO2 79 から計算すると、およそ 26');
    expect(result.ok && result.value.value).toBe(26);
  });
});
