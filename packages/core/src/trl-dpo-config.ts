import { RpoInputError } from './rpo-input-error';
import { pythonFloat } from './trl-config';

/** Which `DPOConfig` keyword arguments a TRL release understands for the RPO loss. */
export type TrlDpoApi =
  /** TRL 0.10–0.28: `rpo_alpha`, `max_prompt_length`, `max_completion_length`, `max_length` (keep_end). */
  | 'rpo-alpha'
  /** TRL 0.29 and 1.x: `loss_type=['sigmoid', 'sft']`, `loss_weights`, only `max_length` (keep_start). */
  | 'loss-weights';

/** A parsed `major.minor.patch` TRL version (pre-release tags ignored). */
export interface TrlVersion {
  readonly text: string;
  readonly major: number;
  readonly minor: number;
}

export function parseTrlVersion(text: string): TrlVersion | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?/.exec(text.trim());
  if (match === null) return undefined;
  return { text: text.trim().replace(/^v/, ''), major: Number(match[1]), minor: Number(match[2]) };
}

function atLeast(version: TrlVersion, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

/** The API a TRL version speaks; undefined before 0.10, which had no RPO term at all. */
export function trlDpoApi(version: TrlVersion): TrlDpoApi | undefined {
  if (!atLeast(version, 0, 10)) return undefined;
  return atLeast(version, 0, 29) ? 'loss-weights' : 'rpo-alpha';
}

/**
 * How a TRL version fits a row to `max_length` (read from TRL's `dpo_config.py` / `dpo_trainer.py` at each tag):
 * 0.x before 0.29 truncates the prompt to `max_prompt_length` keeping its end, then prompt + completion to
 * `max_length`; 0.29 and later keep the start of prompt + completion (`truncation_mode='keep_start'`), and from
 * 1.9.0 (huggingface/trl#6321) rows whose prompt alone fills `max_length` are dropped from the dataset.
 */
export interface TrlTruncationRule {
  readonly keep: 'start' | 'end';
  readonly dropsFullPrompts: boolean;
  /** TRL's own default `max_length`, which applies when the config leaves it out. */
  readonly defaultMaxLength: number;
}

export function trlTruncationRule(version: TrlVersion): TrlTruncationRule {
  const api = trlDpoApi(version);
  return {
    keep: api === 'loss-weights' ? 'start' : 'end',
    dropsFullPrompts: atLeast(version, 1, 9),
    defaultMaxLength: 1024,
  };
}

export interface TrlDpoConfigOptions {
  readonly beta: number;
  readonly alpha: number;
  readonly version: TrlVersion;
  /** Tokens of prompt + completion; printed explicitly so TRL's default (1024) never applies silently. */
  readonly maxLength: number | null;
  /** TRL before 0.29 only: tokens of the prompt (TRL's default is 512) and of the completion. */
  readonly maxPromptLength?: number | null;
  readonly maxCompletionLength?: number | null;
}

export interface TrlDpoConfig {
  readonly trlVersion: string;
  readonly api: TrlDpoApi;
  /** `DPOConfig(**dpoConfig)` constructs on `trlVersion` and trains with the RPO loss of `rpoLoss`. */
  readonly dpoConfig: Readonly<Record<string, unknown>>;
  /** The same as Python source: `DPOConfig(output_dir="rpo", …)`. */
  readonly python: string;
}

function pythonValue(value: unknown): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number')
    return Number.isInteger(value) && Math.abs(value) < 2 ** 53 ? String(value) : pythonFloat(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonValue).join(', ')}]`;
  throw new TypeError(`no Python literal for ${String(value)}`);
}

/** A Python float literal for a JS number that must stay a float in Python (`10` → `10.0`). */
class PythonFloat {
  constructor(readonly value: number) {}
  toJSON(): number {
    return this.value;
  }
}

function literal(value: unknown): string {
  if (value instanceof PythonFloat) return pythonFloat(value.value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return pythonValue(value);
}

/**
 * The `DPOConfig` keyword arguments that train with the RPO loss (DPO sigmoid + α · NLL of the chosen completion)
 * on one TRL version: `rpo_alpha` before 0.29, `loss_type=['sigmoid', 'sft']` with `loss_weights=[1.0, α]` from
 * 0.29 (TRL 1.x has no `rpo_alpha`, `max_prompt_length` or `max_completion_length`: passing them is a TypeError).
 */
export function trlDpoConfig(options: TrlDpoConfigOptions): TrlDpoConfig {
  const api = trlDpoApi(options.version);
  if (api === undefined) {
    throw new RpoInputError({
      field: 'trlVersion',
      problem: `TRL ${options.version.text} has no RPO term (rpo_alpha arrived in 0.10); upgrade TRL (python3 -m pip install -U trl)`,
    });
  }
  const entries: [string, unknown][] =
    api === 'loss-weights'
      ? [
          ['loss_type', ['sigmoid', 'sft']],
          ['loss_weights', [new PythonFloat(1), new PythonFloat(options.alpha)]],
          ['beta', new PythonFloat(options.beta)],
          ['max_length', options.maxLength],
          ['truncation_mode', 'keep_start'],
        ]
      : [
          ['loss_type', 'sigmoid'],
          ['rpo_alpha', new PythonFloat(options.alpha)],
          ['beta', new PythonFloat(options.beta)],
          ['max_prompt_length', options.maxPromptLength ?? null],
          ['max_completion_length', options.maxCompletionLength ?? null],
          ['max_length', options.maxLength],
          ['truncation_mode', 'keep_end'],
        ];
  const dpoConfig = Object.fromEntries(
    entries.map(([key, value]) => [key, JSON.parse(JSON.stringify(value)) as unknown]),
  );
  const python = `DPOConfig(output_dir="rpo", ${entries.map(([key, value]) => `${key}=${literal(value)}`).join(', ')})`;
  return { trlVersion: options.version.text, api, dpoConfig, python };
}
