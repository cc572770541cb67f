import { describe, expect, it } from 'vitest';
import { messagesToText } from './chat-message';
import type { PreferencePair } from './preference-pairs';
import { toTrlPreference, trlPreferenceJsonl } from './trl-records';

const pair: PreferencePair = {
  itemId: '110A1',
  prompt: [
    { role: 'system', content: '医師国家試験を解きます。' },
    { role: 'user', content: '問題: 例題\na: ア\nb: イ' },
    { role: 'assistant', content: '解説。\n答え: a' },
    { role: 'user', content: '問題: 本題\na: ア\nb: イ' },
  ],
  kind: 'chosen>rejected',
  preferred: { tier: 'chosen', text: '考える。\n答え: b', origin: { kind: 'sample', run: 0, sample: 0 } },
  dispreferred: {
    tier: 'rejected',
    text: '考える。\n答え: a',
    origin: { kind: 'sample', run: 0, sample: 1 },
  },
};

describe('TRL preference records (explicit prompt)', () => {
  it('standard: prompt, chosen and rejected strings, the prompt ending where the reply begins', () => {
    const record = toTrlPreference(pair, 'standard');
    expect(record).toEqual({
      prompt: messagesToText(pair.prompt),
      chosen: '考える。\n答え: b',
      rejected: '考える。\n答え: a',
    });
    expect(Object.keys(record)).toEqual(['prompt', 'chosen', 'rejected']);
    expect((record.prompt as string).endsWith('b: イ\n')).toBe(true);
  });

  it('conversational: the rendered messages as the prompt, one assistant message per completion', () => {
    expect(toTrlPreference(pair, 'conversational')).toEqual({
      prompt: pair.prompt,
      chosen: [{ role: 'assistant', content: '考える。\n答え: b' }],
      rejected: [{ role: 'assistant', content: '考える。\n答え: a' }],
    });
  });

  it('writes one JSON object a line, Japanese unescaped', () => {
    const text = trlPreferenceJsonl([pair, pair], 'conversational');
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[0]).toContain('"医師国家試験を解きます。"');
    expect(JSON.parse(lines[0] as string)).toEqual(toTrlPreference(pair, 'conversational'));
    expect(trlPreferenceJsonl([], 'standard')).toBe('');
  });
});
