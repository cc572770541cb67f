import { describe, expect, it } from 'vitest';
import { parseEvalExams } from './eval-exams-option';

describe('--eval-exams', () => {
  it('reads exam numbers, years and ranges of either', () => {
    expect(parseEvalExams('112,113')).toEqual(['112', '113']);
    expect(parseEvalExams('2018-2022')).toEqual(['112', '113', '114', '115', '116']);
    expect(parseEvalExams('116, 112-113, 2019')).toEqual(['112', '113', '116']);
    expect(parseEvalExams('none')).toEqual([]);
  });

  it('refuses anything else, saying what it takes', () => {
    expect(() => parseEvalExams('112,')).toThrow(/empty entry/);
    expect(() => parseEvalExams('A112')).toThrow(/'A112' is not an exam number/);
    expect(() => parseEvalExams('116-112')).toThrow(/'116-112'/);
    expect(() => parseEvalExams('112-2022')).toThrow(/'112-2022'/);
  });
});
