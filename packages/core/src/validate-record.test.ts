import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DatasetParseError } from './errors';
import { itemSchema } from './item';
import { validateRecord } from './validate-record';

const recordSchema = z.object({
  problem_id: z.string(),
  answer: z.array(z.string()),
  points: z.string(),
});

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('validateRecord', () => {
  it('returns the parsed value when it fits', () => {
    const value = { problem_id: '112A1', answer: ['c'], points: '1' };
    expect(validateRecord(recordSchema, value, 'file.jsonl', 1)).toEqual(value);
  });

  it('fails naming the file, line and every wrong field path', () => {
    const error = thrownBy(() =>
      validateRecord(recordSchema, { problem_id: 5, answer: ['c', 3] }, 'file.jsonl', 9),
    );
    expect(DatasetParseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file: 'file.jsonl', line: 9 });
    const message = (error as Error).message;
    expect(message.startsWith('file.jsonl:9: ')).toBe(true);
    expect(message).toContain('problem_id: ');
    expect(message).toContain('answer.1: ');
    expect(message).toContain('points: ');
  });

  it('reports an item-level rule that has no field path', () => {
    // A numeric-entry item with choices breaks a whole-item rule, not one field.
    const error = thrownBy(() =>
      validateRecord(
        itemSchema,
        { id: 'n1', kind: 'numeric', question: 'q', choices: ['x'], choose: 0, answer: ['1'] },
        'items.jsonl',
        2,
      ),
    );
    expect((error as Error).message).toBe('items.jsonl:2: a numeric question has no choices');
  });
});
