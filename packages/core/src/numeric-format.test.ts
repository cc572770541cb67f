import { describe, expect, it } from 'vitest';
import {
  boxCount,
  fillTemplate,
  numericFormatFromStem,
  numericKeyValue,
  roundHalfUp,
  sameNumber,
} from './numeric-format';

describe('numericFormatFromStem', () => {
  it('reads 「小数第1位を四捨五入」 as rounding to an integer, and the boxes after 解答：', () => {
    const stem =
      '肺胞気-動脈血酸素分圧較差を求めよ。ただし、小数点以下の数値が得られた場合には、小数第1位を四捨五入すること。解答：①②Torr';
    expect(numericFormatFromStem(stem)).toStrictEqual({ decimals: 0, template: '①②Torr' });
  });

  it('rounds to one decimal place for 第2位 and two for 第3位', () => {
    expect(
      numericFormatFromStem(
        '比を求めよ。ただし、小数第2位以下の数値が得られた場合には、小数第2位を四捨五入すること。解答：①.②',
      ),
    ).toStrictEqual({ decimals: 1, template: '①.②' });
    expect(
      numericFormatFromStem(
        'リスク比を計算せよ。ただし、小数第3位以下の数値が得られた場合には、小数第3位を四捨五入すること。解答：①.②③',
      ),
    ).toStrictEqual({ decimals: 2, template: '①.②③' });
  });

  it('reads a full-width place number', () => {
    expect(numericFormatFromStem('小数第２位を四捨五入すること。解答：①.②').decimals).toBe(1);
  });

  it('has no decimals when the stem gives no rounding rule', () => {
    expect(numericFormatFromStem('投与量（mL）を計算せよ。解答：①②③mL')).toStrictEqual({ template: '①②③mL' });
  });

  it('has no template when there are no answer boxes', () => {
    expect(numericFormatFromStem('1秒率を求めよ。ただし、小数第1位を四捨五入すること。')).toStrictEqual({
      decimals: 0,
    });
    expect(numericFormatFromStem('正しいのはどれか。')).toStrictEqual({});
  });
});

describe('boxCount', () => {
  it('counts the circled digits', () => {
    expect(boxCount('①②.③/人口1,000対')).toBe(3);
    expect(boxCount('1, ①②③ kcal')).toBe(3);
    expect(boxCount('mg/dL')).toBe(0);
  });
});

describe('fillTemplate', () => {
  it('writes digits into the boxes and reads the number up to the last box', () => {
    // ①.② ← "04" gives "0.4".
    expect(fillTemplate('①.②', '04')).toBe(0.4);
    // ①②.③ ← "100" gives "10.0"; "/人口1,000対" is the unit, not part of the number.
    expect(fillTemplate('①②.③/人口1,000対', '100')).toBe(10);
    // "1, ①②③" ← "130" gives "1, 130", i.e. 1,130 with a printed thousands digit.
    expect(fillTemplate('1, ①②③ kcal', '130')).toBe(1130);
    expect(fillTemplate('①②Torr', '26')).toBe(26);
  });

  it('is undefined when the digits do not fill the boxes exactly', () => {
    expect(fillTemplate('①.②', '4')).toBeUndefined();
    expect(fillTemplate('①.②', '040')).toBeUndefined();
    expect(fillTemplate('①.②', '0.4')).toBeUndefined();
    expect(fillTemplate('①.②', '')).toBeUndefined();
  });
});

describe('roundHalfUp', () => {
  it('rounds halves up (四捨五入), not to even', () => {
    expect(roundHalfUp(2.5, 0)).toBe(3);
    expect(roundHalfUp(3.5, 0)).toBe(4);
    expect(roundHalfUp(26.4, 0)).toBe(26);
  });

  it('is not fooled by binary representations just below the half', () => {
    // 0.15, 1.005 and 2.675 are stored as 0.1499…, 1.00499… and 2.67499…; written in decimal they are halves.
    expect(roundHalfUp(0.15, 1)).toBe(0.2);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(2.675, 2)).toBe(2.68);
  });

  it('rounds negative halves away from zero', () => {
    expect(roundHalfUp(-2.5, 0)).toBe(-3);
    expect(roundHalfUp(-2.4, 0)).toBe(-2);
  });
});

describe('numericKeyValue', () => {
  it('reads a key through the template when its digits fill the boxes', () => {
    // "7.20" has digits 7,2,0 for ①.②③ → 7.20.
    expect(numericKeyValue('7.20', { template: '①.②③' })).toBe(7.2);
    expect(numericKeyValue('04', { template: '①.②' })).toBe(0.4);
    expect(numericKeyValue('21', { decimals: 1, template: '①.②g/日' })).toBe(2.1);
    expect(numericKeyValue('130', { template: '1, ①②③ kcal' })).toBe(1130);
  });

  it('reads a key as a plain number when it does not fill the boxes or there are none', () => {
    expect(numericKeyValue('1.2', { template: '①.②③' })).toBe(1.2);
    expect(numericKeyValue('146', {})).toBe(146);
    expect(numericKeyValue('1,130', {})).toBe(1130);
    expect(numericKeyValue('１４６', {})).toBe(146);
  });

  it('is undefined for a key that is not a number', () => {
    expect(numericKeyValue('', {})).toBeUndefined();
    expect(numericKeyValue('abc', {})).toBeUndefined();
  });
});

describe('sameNumber', () => {
  it('compares after rounding both values by the rule', () => {
    // 0.43 → 0.4 and 0.4 → 0.4; 0.45 → 0.5.
    expect(sameNumber(0.43, 0.4, { decimals: 1 })).toBe(true);
    expect(sameNumber(0.45, 0.4, { decimals: 1 })).toBe(false);
    // 26.4 → 26, 25.5 → 26, 26.5 → 27.
    expect(sameNumber(26.4, 26, { decimals: 0 })).toBe(true);
    expect(sameNumber(25.5, 26, { decimals: 0 })).toBe(true);
    expect(sameNumber(26.5, 26, { decimals: 0 })).toBe(false);
  });

  it('compares exactly, up to binary noise, when there is no rounding rule', () => {
    expect(sameNumber(0.1 + 0.2, 0.3, {})).toBe(true);
    expect(sameNumber(325, 325.4, {})).toBe(false);
  });
});
