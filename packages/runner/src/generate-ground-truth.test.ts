import type { Item } from '@kensa/core';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { generateGroundTruth } from './generate-ground-truth';
import type { Model } from './model';

const item = (id: string, answer: string[], extra: Partial<Item> = {}): Item => ({
  id,
  kind: 'choice',
  question: `問題文 ${id}`,
  choices: ['ア', 'イ', 'ウ', 'エ', 'オ'],
  choose: answer.length,
  answer,
  ...extra,
});

/** A teacher whose reply per item id is scripted; a function may throw to simulate a failing call. */
function teacher(script: Record<string, (attempt: number) => string>): Model & { sent: string[] } {
  const attempts = new Map<string, number>();
  const sent: string[] = [];
  return {
    name: 'teacher',
    endpoint: 'test',
    cacheable: false,
    sent,
    request: (task) => ({ api: 'chat', body: { id: task.item.id, messages: task.prompt.messages } }),
    async send(request) {
      const id = String(request.body.id);
      sent.push(id);
      const attempt = attempts.get(id) ?? 0;
      attempts.set(id, attempt + 1);
      return { text: script[id]?.(attempt) ?? '' };
    },
    parse: (response) => ({ text: (response as { text: string }).text }),
  };
}

const serverError = () => new OpenAI.InternalServerError(500, { message: 'busy' }, 'busy', new Headers());

describe('generateGroundTruth', () => {
  it('keeps benchmark order, retries retryable errors, skips ruled-out questions', async () => {
    const model = teacher({
      q1: () => '説明。\n答え: a',
      q2: (attempt) => {
        if (attempt === 0) throw serverError();
        return '説明。\n答え: b,c';
      },
      q3: () => '説明。\n答え: d',
      q4: () => {
        throw serverError();
      },
    });
    const items = [
      item('q1', ['a']),
      item('q2', ['b', 'c']),
      item('q3', ['e']),
      item('q4', ['a']),
      item('q5', ['a'], { ruling: { kind: 'excluded', reason: '採点除外' } }),
    ];
    const seen: string[] = [];
    const result = await generateGroundTruth({
      items,
      examples: [],
      model,
      concurrency: 3,
      retries: 1,
      baseDelayMs: 1,
      onItem: (outcome) => seen.push(outcome.id),
    });
    expect(result.accepted).toEqual([
      { problem_id: 'q1', explanation: '説明。\n答え: a' },
      { problem_id: 'q2', explanation: '説明。\n答え: b,c' },
    ]);
    expect(result.rejected.map(({ id, status }) => [id, status])).toEqual([
      ['q3', 'rejected'],
      ['q4', 'failed'],
      ['q5', 'skipped'],
    ]);
    expect(result.rejected[0]?.reply).toBe('説明。\n答え: d');
    expect(result.rejected[2]?.reason).toContain('ruled excluded');
    // q2 once more after its 500, q4 twice (retries: 1), q5 never asked.
    expect(model.sent.filter((id) => id === 'q2')).toHaveLength(2);
    expect(model.sent.filter((id) => id === 'q4')).toHaveLength(2);
    expect(model.sent).not.toContain('q5');
    expect([...seen].sort()).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
  });
});

describe('generateGroundTruth on an error no question can escape', () => {
  it('stops asking and reports the rest failed unasked', async () => {
    const model = teacher({
      q1: () => {
        throw new OpenAI.AuthenticationError(401, { message: 'bad key' }, 'bad key', new Headers());
      },
    });
    const result = await generateGroundTruth({
      items: [item('q1', ['a']), item('q2', ['a']), item('q3', ['a'])],
      examples: [],
      model,
      concurrency: 1,
    });
    expect(result.accepted).toEqual([]);
    expect(result.rejected.map(({ id, status }) => [id, status])).toEqual([
      ['q1', 'failed'],
      ['q2', 'failed'],
      ['q3', 'failed'],
    ]);
    expect(result.rejected[1]?.reason).toMatch(/^not asked: /);
    expect(model.sent).toEqual(['q1']);
  });
});
