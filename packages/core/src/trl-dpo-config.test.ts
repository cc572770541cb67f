import { describe, expect, it } from 'vitest';
import { RpoInputError } from './rpo-input-error';
import { parseTrlVersion, trlDpoConfig, trlTruncationRule } from './trl-dpo-config';
import { checkTrlLengths } from './trl-length-check';

function version(text: string) {
  const parsed = parseTrlVersion(text);
  if (parsed === undefined) throw new Error(text);
  return parsed;
}

describe('trlDpoConfig', () => {
  // Field names and defaults read from huggingface/trl trl/trainer/dpo_config.py at v0.28.0 (rpo_alpha,
  // max_prompt_length=512, truncation_mode='keep_end'), v0.29.0 and v1.13.0 (no rpo_alpha / max_prompt_length /
  // max_completion_length; loss_type list, loss_weights, max_length=1024, truncation_mode='keep_start').
  it('targets TRL 1.x with loss_weights and max_length only', () => {
    const config = trlDpoConfig({ beta: 0.1, alpha: 10, version: version('1.13.0'), maxLength: 2048 });
    expect(config).toMatchObject({ trlVersion: '1.13.0', api: 'loss-weights' });
    expect(config.dpoConfig).toEqual({
      loss_type: ['sigmoid', 'sft'],
      loss_weights: [1, 10],
      beta: 0.1,
      max_length: 2048,
      truncation_mode: 'keep_start',
    });
    expect(config.python).toBe(
      'DPOConfig(output_dir="rpo", loss_type=["sigmoid", "sft"], loss_weights=[1.0, 10.0], beta=0.1, max_length=2048, truncation_mode="keep_start")',
    );
    expect(trlDpoConfig({ beta: 0.1, alpha: 1, version: version('0.29.1'), maxLength: null }).api).toBe(
      'loss-weights',
    );
  });

  it('targets TRL 0.10–0.28 with rpo_alpha and the three length limits', () => {
    const config = trlDpoConfig({
      beta: 0.25,
      alpha: 10,
      version: version('0.28.0'),
      maxLength: 1536,
      maxPromptLength: 1024,
      maxCompletionLength: 512,
    });
    expect(config.dpoConfig).toEqual({
      loss_type: 'sigmoid',
      rpo_alpha: 10,
      beta: 0.25,
      max_prompt_length: 1024,
      max_completion_length: 512,
      max_length: 1536,
      truncation_mode: 'keep_end',
    });
    expect(config.python).toContain('rpo_alpha=10.0, beta=0.25, max_prompt_length=1024');
    expect(() => trlDpoConfig({ beta: 0.1, alpha: 1, version: version('0.9.6'), maxLength: null })).toThrow(
      RpoInputError,
    );
  });
});

describe('checkTrlLengths', () => {
  const rows = [
    { prompt: 100, chosen: 50, rejected: 30 },
    { prompt: 900, chosen: 200, rejected: 150 },
    { prompt: 1100, chosen: 40, rejected: 60 },
  ];

  it('counts what TRL 1.9+ drops (prompt fills max_length) and truncates (keep_start)', () => {
    // Row 1: 150 ≤ 1024 whole. Row 2: 900 + 200 > 1024, prompt < 1024 → truncated. Row 3: prompt 1100 ≥ 1024 → dropped.
    expect(checkTrlLengths(rows, trlTruncationRule(version('1.13.0')), { maxLength: 1024 })).toEqual({
      rows: 3,
      longestPrompt: 1100,
      longestCompletion: 200,
      longestSequence: 1160,
      truncated: 1,
      promptsTruncated: 0,
      dropped: 1,
      emptied: 0,
    });
    // Before 1.9 (huggingface/trl#6321) the row is kept with no completion token left.
    expect(checkTrlLengths(rows, trlTruncationRule(version('1.8.0')), { maxLength: 1024 })).toMatchObject({
      dropped: 0,
      emptied: 1,
    });
  });

  it('counts prompts cut by max_prompt_length on TRL 0.28 (keep_end)', () => {
    const check = checkTrlLengths(rows, trlTruncationRule(version('0.28.0')), {
      maxLength: 1024,
      maxPromptLength: 512,
      maxCompletionLength: null,
    });
    // Rows 2 and 3 exceed 512 prompt tokens; row 1 fits everything.
    expect(check).toMatchObject({ truncated: 2, promptsTruncated: 2, dropped: 0 });
  });
});
