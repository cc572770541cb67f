import { RpoInputError } from './rpo-input-error';

/**
 * Parameters of the RPO loss (DPO's sigmoid loss plus a weighted NLL on the preferred completion), as TRL's
 * `DPOConfig(loss_type='sigmoid', beta, rpo_alpha, label_smoothing, reference_free)` (TRL 0.10–0.28).
 */
export interface RpoLossParameters {
  /** β, the DPO temperature; > 0. TRL's default is 0.1. */
  readonly beta: number;
  /** α, the weight of the NLL term (`rpo_alpha`); ≥ 0. 0 is plain DPO. The seed's RPO stage used 10. */
  readonly alpha: number;
  /** ε, conservative-DPO label smoothing; 0 ≤ ε ≤ 0.5. Default 0. */
  readonly labelSmoothing?: number;
  /** If true, the DPO logits ignore the reference model (the rewards still use it, as in TRL). Default false. */
  readonly referenceFree?: boolean;
}

/**
 * Per-sequence inputs, batch first: each example i is one preference pair (prompt, chosen, rejected). The log-probs
 * are sums over the completion's tokens only (prompt tokens count for nothing, as in TRL).
 */
export interface SequenceLogps {
  /** π^c_i = Σ_t log π_θ(chosen token t | prompt, earlier tokens) under the policy. */
  readonly policyChosenLogps: readonly number[];
  /** π^r_i, the same for the rejected completion. */
  readonly policyRejectedLogps: readonly number[];
  /** ρ^c_i, the chosen completion under the frozen reference model. */
  readonly referenceChosenLogps: readonly number[];
  /** ρ^r_i, the rejected completion under the reference model. */
  readonly referenceRejectedLogps: readonly number[];
  /** Completion tokens of each chosen completion (≥ 1). */
  readonly chosenTokenCounts: readonly number[];
  /** Completion tokens of each rejected completion (≥ 1). */
  readonly rejectedTokenCounts: readonly number[];
}

/**
 * Per-token inputs, batch first: `[i][t]`. A mask holds 1 for a real completion token and 0 for padding (left or
 * right); values at masked positions are ignored whatever they are. The reference arrays share the policy's masks.
 */
export interface TokenLogps {
  readonly chosenMask: readonly (readonly number[])[];
  readonly rejectedMask: readonly (readonly number[])[];
  readonly policyChosenTokenLogps: readonly (readonly number[])[];
  readonly policyRejectedTokenLogps: readonly (readonly number[])[];
  readonly referenceChosenTokenLogps: readonly (readonly number[])[];
  readonly referenceRejectedTokenLogps: readonly (readonly number[])[];
}

/** Either input form; both give the same numbers. */
export type RpoLossInputs = SequenceLogps | TokenLogps;

/** Per-pair outputs, in batch order. */
export interface RpoPerExample {
  /** z_i = (π^c_i − π^r_i) − (ρ^c_i − ρ^r_i); with `referenceFree`, z_i = π^c_i − π^r_i. */
  readonly logits: readonly number[];
  /** −(1−ε)·logσ(β z_i) − ε·logσ(−β z_i). */
  readonly dpoLosses: readonly number[];
  /** β(π^c_i − ρ^c_i), always against the reference (as TRL logs it, even when reference-free). */
  readonly chosenRewards: readonly number[];
  /** β(π^r_i − ρ^r_i). */
  readonly rejectedRewards: readonly number[];
  /** chosenRewards[i] − rejectedRewards[i]. */
  readonly margins: readonly number[];
  /** 1 if chosenRewards[i] > rejectedRewards[i] strictly, else 0 (a tie counts as 0). */
  readonly accuracies: readonly number[];
}

/** The values TRL logs for one batch, each a mean over the batch, under TRL's names. */
export interface RpoMetrics {
  readonly 'rewards/chosen': number;
  readonly 'rewards/rejected': number;
  readonly 'rewards/accuracies': number;
  readonly 'rewards/margins': number;
  /** Mean of π^c_i: the summed log-prob, not a per-token average. */
  readonly 'logps/chosen': number;
  readonly 'logps/rejected': number;
  readonly nll_loss: number;
}

/** The RPO loss of one micro-batch, with everything TRL logs and the paper's per-sequence variant. */
export interface RpoLossResult {
  readonly perExample: RpoPerExample;
  /** (1/B) Σ_i dpoLosses[i]. */
  readonly dpoLoss: number;
  /**
   * TRL's NLL: −(Σ_i π^c_i) / (Σ_i chosenTokenCounts[i]), the mean negative log-likelihood over all chosen tokens
   * of the batch pooled together (not a mean of per-sequence means). Policy, chosen completions only.
   */
  readonly nllLoss: number;
  /** dpoLoss + α·nllLoss: the number TRL backpropagates for one micro-batch. */
  readonly loss: number;
  /** The paper's NLL (Pang et al. 2024, per-sequence length normalisation): (1/B) Σ_i (−π^c_i / chosenTokenCounts[i]). */
  readonly nllLossSequenceMean: number;
  /** dpoLoss + α·nllLossSequenceMean. Equals `loss` when B = 1 or all chosen completions have one length. */
  readonly lossWithSequenceMeanNll: number;
  readonly metrics: RpoMetrics;
}

/**
 * log σ(x) = −log(1 + e^(−x)), computed without overflow or underflow for any finite x: for x ≥ 0 as
 * −log1p(e^(−x)), otherwise as x − log1p(e^x). The textbook `Math.log(1 / (1 + Math.exp(-x)))` returns −∞ for
 * x ≲ −745 and loses every digit for large positive x.
 */
export function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

function fail(field: string, problem: string): never {
  throw new RpoInputError({ field, problem });
}

function checkParameters(parameters: RpoLossParameters): Required<RpoLossParameters> {
  const { beta, alpha } = parameters;
  const labelSmoothing = parameters.labelSmoothing ?? 0;
  const referenceFree = parameters.referenceFree ?? false;
  if (typeof beta !== 'number' || !Number.isFinite(beta) || beta <= 0)
    fail('beta', `must be a finite number > 0, not ${beta}`);
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha < 0)
    fail('alpha', `must be a finite number ≥ 0, not ${alpha}`);
  if (
    typeof labelSmoothing !== 'number' ||
    !Number.isFinite(labelSmoothing) ||
    labelSmoothing < 0 ||
    labelSmoothing > 0.5
  )
    fail('labelSmoothing', `must be between 0 and 0.5, not ${labelSmoothing}`);
  if (typeof referenceFree !== 'boolean') fail('referenceFree', `must be true or false`);
  return { beta, alpha, labelSmoothing, referenceFree };
}

function checkBatch(name: string, values: unknown, size: number | undefined): number {
  if (!Array.isArray(values)) fail(name, 'must be an array with one entry per pair');
  if (values.length === 0) fail(name, 'the batch is empty');
  if (size !== undefined && values.length !== size)
    fail(name, `has ${values.length} entries but the batch has ${size} pairs`);
  return values.length;
}

function checkFinite(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(field, `must be a finite number, not ${String(value)}`);
  return value;
}

const sequenceFields = [
  'policyChosenLogps',
  'policyRejectedLogps',
  'referenceChosenLogps',
  'referenceRejectedLogps',
  'chosenTokenCounts',
  'rejectedTokenCounts',
] as const;

function checkSequenceLogps(inputs: SequenceLogps): number {
  let size: number | undefined;
  for (const field of sequenceFields) size = checkBatch(field, inputs[field], size);
  const batch = size as number;
  for (const field of sequenceFields) {
    inputs[field].forEach((value, index) => {
      checkFinite(`${field}[${index}]`, value);
    });
  }
  for (const field of ['chosenTokenCounts', 'rejectedTokenCounts'] as const) {
    inputs[field].forEach((count, index) => {
      if (count === 0) fail(`${field}[${index}]`, 'the completion has no tokens');
      if (!Number.isInteger(count) || count < 0)
        fail(`${field}[${index}]`, `must be a whole number of tokens ≥ 1, not ${count}`);
    });
  }
  return batch;
}

const tokenFields = [
  ['chosenMask', 'policyChosenTokenLogps', 'referenceChosenTokenLogps'],
  ['rejectedMask', 'policyRejectedTokenLogps', 'referenceRejectedTokenLogps'],
] as const;

/**
 * Collapses per-token inputs to per-sequence sums and token counts (Σ_t mask·logp, Σ_t mask), checking shapes,
 * masks (0 or 1 only) and values on the way. Masked positions are skipped, never multiplied, so junk there — even
 * a large value — cannot leak into the sums.
 */
export function sequenceLogpsFromTokens(inputs: TokenLogps): SequenceLogps {
  let size: number | undefined;
  for (const side of tokenFields) for (const field of side) size = checkBatch(field, inputs[field], size);
  const batch = size as number;
  const sums = (
    maskField: (typeof tokenFields)[number][0],
    valueField: (typeof tokenFields)[number][1 | 2],
  ) =>
    Array.from({ length: batch }, (_, index) => {
      const mask = inputs[maskField][index] as readonly number[];
      const values = inputs[valueField][index] as readonly number[];
      if (!Array.isArray(values) || values.length !== mask.length) {
        fail(
          `${valueField}[${index}]`,
          `has ${Array.isArray(values) ? values.length : 'no'} positions but ${maskField}[${index}] has ${mask.length}`,
        );
      }
      let sum = 0;
      values.forEach((value, position) => {
        checkFinite(`${valueField}[${index}][${position}]`, value);
        if (mask[position] === 1) sum += value;
      });
      return sum;
    });
  const counts = (maskField: (typeof tokenFields)[number][0]) =>
    Array.from({ length: batch }, (_, index) => {
      const mask = inputs[maskField][index];
      if (!Array.isArray(mask)) fail(`${maskField}[${index}]`, 'must be an array of 0s and 1s');
      let count = 0;
      mask.forEach((value, position) => {
        if (value !== 0 && value !== 1)
          fail(`${maskField}[${index}][${position}]`, `must be 0 or 1, not ${String(value)}`);
        count += value;
      });
      if (count === 0) fail(`${maskField}[${index}]`, 'the completion has no unmasked tokens');
      return count;
    });
  const chosenTokenCounts = counts('chosenMask');
  const rejectedTokenCounts = counts('rejectedMask');
  return {
    policyChosenLogps: sums('chosenMask', 'policyChosenTokenLogps'),
    policyRejectedLogps: sums('rejectedMask', 'policyRejectedTokenLogps'),
    referenceChosenLogps: sums('chosenMask', 'referenceChosenTokenLogps'),
    referenceRejectedLogps: sums('rejectedMask', 'referenceRejectedTokenLogps'),
    chosenTokenCounts,
    rejectedTokenCounts,
  };
}

function isTokenLogps(inputs: RpoLossInputs): inputs is TokenLogps {
  return typeof inputs === 'object' && inputs !== null && 'chosenMask' in inputs;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * The RPO loss of one micro-batch — DPO's sigmoid loss plus α times the NLL of the preferred completions — exactly
 * as TRL's `DPOTrainer` computes it with `loss_type='sigmoid'` and `rpo_alpha=α` (TRL 0.10–0.28; the same as
 * `loss_type=['sigmoid', 'sft']`, `loss_weights=[1, α]` from 0.29 when ε = 0 and not reference-free).
 *
 * With B pairs, π^c_i, π^r_i the policy's summed log-probs of the chosen and rejected completions, ρ^c_i, ρ^r_i
 * the reference's, n_i the chosen token counts, and logσ(x) = −log(1 + e^(−x)):
 *
 * - z_i = (π^c_i − π^r_i) − (ρ^c_i − ρ^r_i)   (reference-free: z_i = π^c_i − π^r_i)
 * - dpo_i = −(1−ε)·logσ(β z_i) − ε·logσ(−β z_i),   dpo_loss = (1/B) Σ_i dpo_i
 * - nll_loss = −(Σ_i π^c_i) / (Σ_i n_i)   (TRL: pooled over all chosen tokens of the batch)
 * - loss = dpo_loss + α·nll_loss
 * - nll_loss_sequence_mean = (1/B) Σ_i (−π^c_i / n_i),   loss_with_sequence_mean_nll = dpo_loss + α·that
 *   (the paper's per-sequence form)
 * - rewards: β(π^c_i − ρ^c_i) and β(π^r_i − ρ^r_i); margins their difference; accuracy 1 when chosen > rejected.
 *
 * Invalid inputs — an empty batch, a completion with no tokens, mismatched shapes, a value that is not finite,
 * β ≤ 0, α < 0, ε outside [0, 0.5] — throw `RpoInputError`; the result is never NaN.
 */
export function rpoLoss(inputs: RpoLossInputs, parameters: RpoLossParameters): RpoLossResult {
  const { beta, alpha, labelSmoothing, referenceFree } = checkParameters(parameters);
  if (typeof inputs !== 'object' || inputs === null)
    fail('inputs', 'must be per-token or per-sequence inputs');
  const sequence = isTokenLogps(inputs) ? sequenceLogpsFromTokens(inputs) : inputs;
  const batch = checkSequenceLogps(sequence);
  const {
    policyChosenLogps: policyChosen,
    policyRejectedLogps: policyRejected,
    referenceChosenLogps: referenceChosen,
    referenceRejectedLogps: referenceRejected,
    chosenTokenCounts,
  } = sequence;
  const at = (values: readonly number[], index: number) => values[index] as number;

  const logits: number[] = [];
  const dpoLosses: number[] = [];
  const chosenRewards: number[] = [];
  const rejectedRewards: number[] = [];
  const margins: number[] = [];
  const accuracies: number[] = [];
  for (let index = 0; index < batch; index++) {
    const policyLogratio = at(policyChosen, index) - at(policyRejected, index);
    const referenceLogratio = at(referenceChosen, index) - at(referenceRejected, index);
    const logit = referenceFree ? policyLogratio : policyLogratio - referenceLogratio;
    // Skip a zero-weighted term instead of multiplying it: 0·(−∞) would be NaN if β·z overflowed.
    let dpo = -(1 - labelSmoothing) * logSigmoid(beta * logit);
    if (labelSmoothing > 0) dpo -= labelSmoothing * logSigmoid(-beta * logit);
    const chosenReward = beta * (at(policyChosen, index) - at(referenceChosen, index));
    const rejectedReward = beta * (at(policyRejected, index) - at(referenceRejected, index));
    logits.push(logit);
    dpoLosses.push(dpo);
    chosenRewards.push(chosenReward);
    rejectedRewards.push(rejectedReward);
    margins.push(chosenReward - rejectedReward);
    accuracies.push(chosenReward > rejectedReward ? 1 : 0);
  }

  let chosenSum = 0;
  let tokenSum = 0;
  for (let index = 0; index < batch; index++) {
    chosenSum += at(policyChosen, index);
    tokenSum += at(chosenTokenCounts, index);
  }
  const dpoLoss = mean(dpoLosses);
  const nllLoss = -chosenSum / tokenSum;
  const nllLossSequenceMean = mean(policyChosen.map((logp, index) => -logp / at(chosenTokenCounts, index)));
  const result: RpoLossResult = {
    perExample: { logits, dpoLosses, chosenRewards, rejectedRewards, margins, accuracies },
    dpoLoss,
    nllLoss,
    // α = 0 is plain DPO: the loss is the DPO loss exactly, not dpo + 0·nll.
    loss: alpha === 0 ? dpoLoss : dpoLoss + alpha * nllLoss,
    nllLossSequenceMean,
    lossWithSequenceMeanNll: alpha === 0 ? dpoLoss : dpoLoss + alpha * nllLossSequenceMean,
    metrics: {
      'rewards/chosen': mean(chosenRewards),
      'rewards/rejected': mean(rejectedRewards),
      'rewards/accuracies': mean(accuracies),
      'rewards/margins': mean(margins),
      'logps/chosen': mean(policyChosen),
      'logps/rejected': mean(policyRejected),
      nll_loss: nllLoss,
    },
  };
  const overflowed = [
    result.loss,
    result.lossWithSequenceMeanNll,
    ...dpoLosses,
    ...chosenRewards,
    ...rejectedRewards,
    ...margins,
  ].some((value) => !Number.isFinite(value));
  if (overflowed) {
    fail('inputs', 'the loss overflows float64 with these values and β; check the log-probs and β');
  }
  return result;
}
