import { describe, expect, it } from 'vitest';
import { DatasetParseError } from './errors';
import { RpoInputError } from './rpo-input-error';
import { compareRpoLossOutput, computeRpoLossCase, parseRpoLossFile } from './rpo-loss-case';

const sequenceLevel = {
  policy_chosen_logps: [-4],
  policy_rejected_logps: [-8],
  reference_chosen_logps: [-5],
  reference_rejected_logps: [-7],
  chosen_token_counts: [2],
  rejected_token_counts: [4],
};

const tokenLevel = {
  chosen_mask: [[1, 1, 0]],
  rejected_mask: [[1, 1, 1, 1]],
  policy_chosen_token_logps: [[-2, -2, -9]],
  policy_rejected_token_logps: [[-2, -2, -2, -2]],
  reference_chosen_token_logps: [[-2.5, -2.5, -9]],
  reference_rejected_token_logps: [[-2, -2, -2, -1]],
};

const oneCase = { id: 'one', params: { beta: 0.5, alpha: 1 }, inputs: { sequence_level: sequenceLevel } };

describe('parseRpoLossFile', () => {
  it('reads one case or a list, with TRL defaults for label smoothing and reference-free', () => {
    const single = parseRpoLossFile(oneCase, 'one.json');
    expect(single.cases).toHaveLength(1);
    expect(single.cases[0]?.parameters).toEqual({
      beta: 0.5,
      alpha: 1,
      labelSmoothing: 0,
      referenceFree: false,
    });
    expect(single.tolerance).toEqual({ absolute: 1e-12, relative: 1e-12 });
    const list = parseRpoLossFile(
      { cases: [oneCase, { ...oneCase, id: undefined }], tolerance: { absolute: 1e-9, relative: 0 } },
      'list.json',
    );
    expect(list.cases.map((testCase) => testCase.id)).toEqual(['one', 'case-2']);
    expect(list.tolerance).toEqual({ absolute: 1e-9, relative: 0 });
  });

  it('names the file and field of a malformed case, and refuses a misspelt parameter', () => {
    expect(() =>
      parseRpoLossFile({ ...oneCase, params: { beta: 0.1, alpha: 1, lable_smoothing: 0.1 } }, 'f.json'),
    ).toThrow(/^f\.json: params: Unrecognized key: "lable_smoothing"/);
    expect(() =>
      parseRpoLossFile({ cases: [oneCase, { ...oneCase, params: { alpha: 1 } }] }, 'f.json'),
    ).toThrow(/cases\[1\]\.params\.beta/);
    expect(() => parseRpoLossFile({ ...oneCase, inputs: {} }, 'f.json')).toThrow(
      /needs token_level or sequence_level/,
    );
    expect(() => parseRpoLossFile({ cases: [] }, 'f.json')).toThrow(/holds no case/);
    expect(() => parseRpoLossFile({ cases: [oneCase, oneCase] }, 'f.json')).toThrow(
      /two cases have the id 'one'/,
    );
    let caught: unknown;
    try {
      parseRpoLossFile([], 'f.json');
    } catch (error) {
      caught = error;
    }
    expect(DatasetParseError.isInstance(caught)).toBe(true);
  });
});

describe('computeRpoLossCase', () => {
  it('prints the contract names, the same from either input form', () => {
    const [both] = parseRpoLossFile(
      { ...oneCase, inputs: { token_level: tokenLevel, sequence_level: sequenceLevel } },
      'f.json',
    ).cases;
    if (both === undefined) throw new Error('no case');
    const fromTokens = computeRpoLossCase(both, 'token');
    const fromSums = computeRpoLossCase(both, 'sequence');
    expect(fromTokens).toEqual(fromSums);
    expect(computeRpoLossCase(both)).toEqual(fromSums);
    expect(Object.keys(fromSums)).toEqual([
      'id',
      'loss',
      'dpo_loss',
      'nll_loss',
      'nll_loss_sequence_mean',
      'loss_with_sequence_mean_nll',
      'metrics',
      'per_example',
    ]);
    expect(Object.keys(fromSums.per_example)).toEqual([
      'logits',
      'dpo_losses',
      'chosen_rewards',
      'rejected_rewards',
      'margins',
      'accuracies',
    ]);
    expect(fromSums.per_example.logits).toEqual([2]);
    expect(fromSums.metrics.nll_loss).toBe(2);
  });

  it('names the case and the file field of an invalid value', () => {
    const [bad] = parseRpoLossFile(
      { ...oneCase, inputs: { token_level: { ...tokenLevel, chosen_mask: [[0, 0, 0]] } } },
      'f.json',
    ).cases;
    if (bad === undefined) throw new Error('no case');
    let caught: unknown;
    try {
      computeRpoLossCase(bad);
    } catch (error) {
      caught = error;
    }
    expect(RpoInputError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toBe(
      "case 'one': inputs.token_level.chosen_mask[0]: the completion has no unmasked tokens",
    );
    const [zeroBeta] = parseRpoLossFile({ ...oneCase, params: { beta: 0, alpha: 1 } }, 'f.json').cases;
    expect(() => computeRpoLossCase(zeroBeta as never)).toThrow(/^case 'one': params\.beta: must be/);
    expect(() => computeRpoLossCase(zeroBeta as never, 'token')).toThrow(/inputs\.token_level: is missing/);
  });

  it('refuses a file whose two input forms disagree', () => {
    const [both] = parseRpoLossFile(
      {
        ...oneCase,
        inputs: {
          token_level: tokenLevel,
          sequence_level: { ...sequenceLevel, policy_rejected_logps: [-7] },
        },
      },
      'f.json',
    ).cases;
    expect(() => computeRpoLossCase(both as never)).toThrow(
      /inputs\.sequence_level\.policy_rejected_logps\[0\]: is -7 but token_level gives -8/,
    );
  });
});

describe('compareRpoLossOutput', () => {
  it('lists every expected number out of tolerance, and missing ones', () => {
    const [testCase] = parseRpoLossFile(oneCase, 'f.json').cases;
    const output = computeRpoLossCase(testCase as never);
    expect(compareRpoLossOutput(output, { nll_loss: 2, per_example: { logits: [2] } })).toEqual([]);
    expect(
      compareRpoLossOutput(output, { nll_loss: 2 + 1e-9, per_example: { logits: [2, 3] }, other: 1 }),
    ).toEqual([
      { path: 'nll_loss', expected: 2 + 1e-9, got: 2 },
      { path: 'per_example.logits[1]', expected: 3, got: undefined },
      { path: 'other', expected: 1, got: undefined },
    ]);
    expect(compareRpoLossOutput(output, { nll_loss: 2 + 1e-9 }, { absolute: 1e-8, relative: 0 })).toEqual([]);
  });
});
