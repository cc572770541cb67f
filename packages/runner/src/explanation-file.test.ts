import { describe, expect, it } from 'vitest';
import { parseExplanationFile } from './explanation-file';

describe('parseExplanationFile', () => {
  it('reads problem_id → explanation, one object a line', () => {
    const text =
      '{"problem_id": "110A1", "explanation": "解説1", "source": "x"}\n\n{"problem_id": "110A2", "explanation": "解説2"}\n';
    expect([...parseExplanationFile(text, 'e.jsonl')]).toEqual([
      ['110A1', { explanation: '解説1', line: 1 }],
      ['110A2', { explanation: '解説2', line: 3 }],
    ]);
  });

  it('names the file and line of a bad record', () => {
    expect(() => parseExplanationFile('{"problem_id": "110A1"}', 'e.jsonl')).toThrow(
      /^e\.jsonl:1: explanation of 110A1: expected a non-empty string/,
    );
    expect(() => parseExplanationFile('{"id": "110A1", "explanation": "x"}', 'e.jsonl')).toThrow(
      /e\.jsonl:1: problem_id/,
    );
    expect(() =>
      parseExplanationFile(
        '{"problem_id": "a", "explanation": "x"}\n{"problem_id": "a", "explanation": "y"}',
        'e.jsonl',
      ),
    ).toThrow(/e\.jsonl:2: a already has an explanation on line 1/);
    expect(() => parseExplanationFile('[1]', 'e.jsonl')).toThrow(/e\.jsonl:1: expected an object/);
  });
});
