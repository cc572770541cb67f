import { describe, expect, it } from 'vitest';
import { pythonFloat, trlRpoConfig } from './trl-config';

describe('pythonFloat', () => {
  it("writes floats as Python's repr does", () => {
    expect(
      [1, 10, 0.1, 0.05, 0.5, 0.25, 123.456, 1e-4, 1e-5, 2.5e-7, 1e16, 1.5e20, -3, 0].map(pythonFloat),
    ).toEqual([
      '1.0',
      '10.0',
      '0.1',
      '0.05',
      '0.5',
      '0.25',
      '123.456',
      '0.0001',
      '1e-05',
      '2.5e-07',
      '1e+16',
      '1.5e+20',
      '-3.0',
      '0.0',
    ]);
  });
});

describe('trlRpoConfig', () => {
  it("gives the seed's α = 10 for both TRL APIs", () => {
    expect(trlRpoConfig({ beta: 0.1, alpha: 10 })).toEqual({
      rpoAlpha:
        "DPOConfig(loss_type='sigmoid', beta=0.1, rpo_alpha=10.0, label_smoothing=0.0, reference_free=False)",
      lossWeights: "DPOConfig(loss_type=['sigmoid', 'sft'], loss_weights=[1.0, 10.0], beta=0.1)",
      lossWeightsText: "DPOConfig(loss_type=['sigmoid', 'sft'], loss_weights=[1.0, 10.0], beta=0.1)",
    });
  });

  it('says when TRL 0.29 and later cannot express the loss', () => {
    const config = trlRpoConfig({ beta: 0.25, alpha: 1, labelSmoothing: 0.1 });
    expect(config.rpoAlpha).toContain('label_smoothing=0.1');
    expect(config.lossWeights).toBeUndefined();
    expect(config.lossWeightsText).toMatch(/^not expressible in TRL >= 0\.29/);
    expect(trlRpoConfig({ beta: 0.1, alpha: 1, referenceFree: true }).lossWeights).toBeUndefined();
  });
});
