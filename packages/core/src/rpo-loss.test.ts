import { describe, expect, it } from 'vitest';
import { RpoInputError } from './rpo-input-error';
import {
  logSigmoid,
  rpoLoss,
  type SequenceLogps,
  sequenceLogpsFromTokens,
  type TokenLogps,
} from './rpo-loss';

// The shared test vectors (`../shared/fixtures/rpo/vectors.json`) are checked to 1e-12 in apps/demo
// (rpo-vectors.test.ts), which may read the shared folder; these are hand-made cases for the edges.

/** One pair: z = (−4 − −8) − (−5 − −7) = 2. */
const onePair: SequenceLogps = {
  policyChosenLogps: [-4],
  policyRejectedLogps: [-8],
  referenceChosenLogps: [-5],
  referenceRejectedLogps: [-7],
  chosenTokenCounts: [2],
  rejectedTokenCounts: [4],
};

/** Two pairs whose chosen completions differ in length (2 and 6 tokens), so the two NLL forms differ. */
const twoPairs: SequenceLogps = {
  policyChosenLogps: [-1, -9],
  policyRejectedLogps: [-3, -9],
  referenceChosenLogps: [-1.5, -8],
  referenceRejectedLogps: [-2, -10],
  chosenTokenCounts: [2, 6],
  rejectedTokenCounts: [3, 5],
};

describe('logSigmoid', () => {
  it('is −ln 2 at 0 and keeps every digit far out in both tails', () => {
    expect(logSigmoid(0)).toBe(-Math.LN2);
    expect(logSigmoid(-1000)).toBe(-1000);
    expect(logSigmoid(-3400)).toBe(-3400);
    expect(logSigmoid(1000)).toBe(-0);
    expect(logSigmoid(40)).toBeCloseTo(-4.248354255291589e-18, 30);
    expect(logSigmoid(-745.5)).toBe(-745.5);
  });

  it('satisfies logσ(x) − logσ(−x) = x', () => {
    for (const x of [0.001, 0.5, 3, 17, 36.5]) expect(logSigmoid(x) - logSigmoid(-x)).toBeCloseTo(x, 12);
  });
});

describe('rpoLoss', () => {
  it('computes the DPO loss, rewards and TRL NLL of one pair', () => {
    const result = rpoLoss(onePair, { beta: 0.5, alpha: 1 });
    expect(result.perExample.logits).toEqual([2]);
    expect(result.dpoLoss).toBeCloseTo(0.31326168751822286, 15);
    expect(result.nllLoss).toBe(2);
    expect(result.loss).toBeCloseTo(2.313261687518223, 15);
    expect(result.perExample.chosenRewards).toEqual([0.5]);
    expect(result.perExample.rejectedRewards).toEqual([-0.5]);
    expect(result.perExample.margins).toEqual([1]);
    expect(result.perExample.accuracies).toEqual([1]);
    expect(result.nllLossSequenceMean).toBe(result.nllLoss);
    expect(result.metrics).toEqual({
      'rewards/chosen': 0.5,
      'rewards/rejected': -0.5,
      'rewards/accuracies': 1,
      'rewards/margins': 1,
      'logps/chosen': -4,
      'logps/rejected': -8,
      nll_loss: 2,
    });
  });

  it('applies label smoothing: −(1−ε)logσ(βz) − ε logσ(−βz)', () => {
    const result = rpoLoss(onePair, { beta: 0.5, alpha: 0, labelSmoothing: 0.2 });
    expect(result.dpoLoss).toBeCloseTo(0.5132616875182229, 15);
  });

  it('pools the NLL over all chosen tokens (TRL), and reports the per-sequence mean (the paper) beside it', () => {
    const result = rpoLoss(twoPairs, { beta: 0.1, alpha: 10 });
    expect(result.nllLoss).toBe(10 / 8);
    expect(result.nllLossSequenceMean).toBe((1 / 2 + 9 / 6) / 2);
    expect(result.loss).toBeCloseTo(result.dpoLoss + 12.5, 12);
    expect(result.lossWithSequenceMeanNll).toBeCloseTo(result.dpoLoss + 10, 12);
  });

  it('is plain DPO, exactly, with α = 0', () => {
    const result = rpoLoss(twoPairs, { beta: 0.1, alpha: 0 });
    expect(result.loss).toBe(result.dpoLoss);
    expect(result.lossWithSequenceMeanNll).toBe(result.dpoLoss);
    expect(result.nllLoss).toBe(10 / 8);
  });

  it('gives ln 2 per pair and accuracy 0 when the policy is the reference', () => {
    const tie: SequenceLogps = {
      ...twoPairs,
      referenceChosenLogps: twoPairs.policyChosenLogps,
      referenceRejectedLogps: twoPairs.policyRejectedLogps,
    };
    for (const labelSmoothing of [0, 0.3]) {
      const result = rpoLoss(tie, { beta: 0.1, alpha: 1, labelSmoothing });
      expect(result.perExample.dpoLosses).toEqual([Math.LN2, Math.LN2]);
      expect(result.perExample.accuracies).toEqual([0, 0]);
    }
  });

  it('ignores the reference in the logits when reference-free, but not in the rewards', () => {
    const result = rpoLoss(onePair, { beta: 0.5, alpha: 1, referenceFree: true });
    expect(result.perExample.logits).toEqual([4]);
    expect(result.perExample.chosenRewards).toEqual([0.5]);
  });

  it('stays finite where the textbook formula overflows', () => {
    const far: SequenceLogps = { ...onePair, policyChosenLogps: [-4], policyRejectedLogps: [-3000] };
    const result = rpoLoss(far, { beta: 1, alpha: 1, labelSmoothing: 0.05 });
    expect(Number.isFinite(result.loss)).toBe(true);
    expect(result.perExample.dpoLosses[0]).toBeCloseTo(0.05 * 2994, 9);
    const against = rpoLoss(
      { ...onePair, policyChosenLogps: [-3000], policyRejectedLogps: [-4] },
      {
        beta: 1,
        alpha: 0,
      },
    );
    expect(against.dpoLoss).toBe(2998);
  });

  it('gives the same numbers from per-token inputs, ignoring junk at masked positions (left or right padding)', () => {
    const tokens: TokenLogps = {
      chosenMask: [
        [0, 1, 1],
        [1, 1, 1, 1, 1, 1],
      ],
      rejectedMask: [
        [1, 1, 1, 0],
        [1, 1, 1, 1, 1],
      ],
      policyChosenTokenLogps: [
        [-17, -0.5, -0.5],
        [-1, -1, -2, -2, -1.5, -1.5],
      ],
      policyRejectedTokenLogps: [
        [-1, -1, -1, -19],
        [-2, -2, -2, -2, -1],
      ],
      referenceChosenTokenLogps: [
        [-6, -0.75, -0.75],
        [-1, -1, -2, -2, -1, -1],
      ],
      referenceRejectedTokenLogps: [
        [-0.5, -0.5, -1, -12],
        [-2, -2, -2, -2, -2],
      ],
    };
    expect(sequenceLogpsFromTokens(tokens)).toEqual(twoPairs);
    expect(rpoLoss(tokens, { beta: 0.1, alpha: 10 })).toEqual(rpoLoss(twoPairs, { beta: 0.1, alpha: 10 }));
  });

  describe('rejects invalid inputs with RpoInputError, never NaN', () => {
    const cases: [string, () => unknown, RegExp][] = [
      [
        'an empty batch',
        () =>
          rpoLoss(
            {
              ...onePair,
              policyChosenLogps: [],
              policyRejectedLogps: [],
              referenceChosenLogps: [],
              referenceRejectedLogps: [],
              chosenTokenCounts: [],
              rejectedTokenCounts: [],
            },
            { beta: 0.1, alpha: 1 },
          ),
        /^policyChosenLogps: the batch is empty/,
      ],
      [
        'a zero-length chosen completion',
        () => rpoLoss({ ...onePair, chosenTokenCounts: [0] }, { beta: 0.1, alpha: 1 }),
        /^chosenTokenCounts\[0\]: the completion has no tokens/,
      ],
      [
        'a fully masked completion',
        () =>
          rpoLoss(
            {
              chosenMask: [[0, 0]],
              rejectedMask: [[1]],
              policyChosenTokenLogps: [[-1, -1]],
              policyRejectedTokenLogps: [[-1]],
              referenceChosenTokenLogps: [[-1, -1]],
              referenceRejectedTokenLogps: [[-1]],
            },
            { beta: 0.1, alpha: 1 },
          ),
        /^chosenMask\[0\]: the completion has no unmasked tokens/,
      ],
      [
        'a batch-size mismatch',
        () => rpoLoss({ ...onePair, referenceRejectedLogps: [-1, -2] }, { beta: 0.1, alpha: 1 }),
        /^referenceRejectedLogps: has 2 entries but the batch has 1 pairs/,
      ],
      [
        'a row-length mismatch',
        () =>
          rpoLoss(
            {
              chosenMask: [[1, 1]],
              rejectedMask: [[1]],
              policyChosenTokenLogps: [[-1, -1]],
              policyRejectedTokenLogps: [[-1]],
              referenceChosenTokenLogps: [[-1]],
              referenceRejectedTokenLogps: [[-1]],
            },
            { beta: 0.1, alpha: 1 },
          ),
        /^referenceChosenTokenLogps\[0\]: has 1 positions but chosenMask\[0\] has 2/,
      ],
      [
        'a mask that is not 0 or 1',
        () =>
          rpoLoss(
            {
              chosenMask: [[1, 0.5]],
              rejectedMask: [[1]],
              policyChosenTokenLogps: [[-1, -1]],
              policyRejectedTokenLogps: [[-1]],
              referenceChosenTokenLogps: [[-1, -1]],
              referenceRejectedTokenLogps: [[-1]],
            },
            { beta: 0.1, alpha: 1 },
          ),
        /^chosenMask\[0\]\[1\]: must be 0 or 1/,
      ],
      [
        'NaN',
        () => rpoLoss({ ...onePair, policyRejectedLogps: [Number.NaN] }, { beta: 0.1, alpha: 1 }),
        /^policyRejectedLogps\[0\]: must be a finite number, not NaN/,
      ],
      [
        '−Infinity, even where masked',
        () =>
          rpoLoss(
            {
              chosenMask: [[1, 0]],
              rejectedMask: [[1]],
              policyChosenTokenLogps: [[-1, Number.NEGATIVE_INFINITY]],
              policyRejectedTokenLogps: [[-1]],
              referenceChosenTokenLogps: [[-1, -1]],
              referenceRejectedTokenLogps: [[-1]],
            },
            { beta: 0.1, alpha: 1 },
          ),
        /^policyChosenTokenLogps\[0\]\[1\]: must be a finite number/,
      ],
      ['β = 0', () => rpoLoss(onePair, { beta: 0, alpha: 1 }), /^beta: must be a finite number > 0/],
      ['β < 0', () => rpoLoss(onePair, { beta: -0.1, alpha: 1 }), /^beta:/],
      ['α < 0', () => rpoLoss(onePair, { beta: 0.1, alpha: -1 }), /^alpha: must be a finite number ≥ 0/],
      [
        'ε > 0.5',
        () => rpoLoss(onePair, { beta: 0.1, alpha: 1, labelSmoothing: 0.6 }),
        /^labelSmoothing: must be between 0 and 0.5/,
      ],
      ['ε < 0', () => rpoLoss(onePair, { beta: 0.1, alpha: 1, labelSmoothing: -0.01 }), /^labelSmoothing:/],
      [
        'a loss beyond float64',
        () => rpoLoss(onePair, { beta: 1e308, alpha: 1 }),
        /^inputs: the loss overflows float64/,
      ],
    ];
    for (const [name, run, message] of cases) {
      it(name, () => {
        let caught: unknown;
        try {
          run();
        } catch (error) {
          caught = error;
        }
        expect(RpoInputError.isInstance(caught)).toBe(true);
        expect((caught as Error).message).toMatch(message);
      });
    }
  });
});
