import type { RpoLossParameters } from './rpo-loss';

/** The TRL `DPOConfig` arguments that give the RPO loss, for both TRL APIs. */
export interface TrlRpoConfig {
  /** TRL 0.10–0.28: `loss_type='sigmoid'` with `rpo_alpha`. */
  readonly rpoAlpha: string;
  /**
   * TRL 0.29 and later: `loss_type=['sigmoid', 'sft']` with `loss_weights=[1.0, α]`; undefined when the parameters
   * cannot be expressed there (label smoothing or reference-free, which later TRL dropped from the sigmoid loss).
   */
  readonly lossWeights: string | undefined;
  /** `lossWeights`, or why there is none (the vectors' wording). */
  readonly lossWeightsText: string;
}

/**
 * A float as Python's `repr` writes it (`1.0`, `0.1`, `1e-05`, `1e+16`), so that printed configs paste into Python
 * unchanged: the shortest round-trip digits, positional for exponents −4 to 15, scientific otherwise.
 */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'float("nan")';
  if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : 'float("-inf")';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const magnitude = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${magnitude}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
}

const notExpressible =
  "not expressible in TRL >= 0.29 (label_smoothing / reference_free no longer apply to 'sigmoid')";

/**
 * The `DPOConfig(...)` arguments that make TRL's loss the RPO loss of `rpoLoss` with these parameters, for TRL 0.10–
 * 0.28 (`rpo_alpha`) and for 0.29 and later (`loss_type=['sigmoid', 'sft']`, `loss_weights=[1.0, α]`).
 */
export function trlRpoConfig(parameters: RpoLossParameters): TrlRpoConfig {
  const beta = pythonFloat(parameters.beta);
  const alpha = pythonFloat(parameters.alpha);
  const labelSmoothing = parameters.labelSmoothing ?? 0;
  const referenceFree = parameters.referenceFree ?? false;
  const rpoAlpha = `DPOConfig(loss_type='sigmoid', beta=${beta}, rpo_alpha=${alpha}, label_smoothing=${pythonFloat(labelSmoothing)}, reference_free=${referenceFree ? 'True' : 'False'})`;
  const lossWeights =
    labelSmoothing !== 0 || referenceFree
      ? undefined
      : `DPOConfig(loss_type=['sigmoid', 'sft'], loss_weights=[1.0, ${alpha}], beta=${beta})`;
  return { rpoAlpha, lossWeights, lossWeightsText: lossWeights ?? notExpressible };
}
