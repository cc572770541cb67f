import path from 'node:path';
import {
  checkTrlLengths,
  parseTrlVersion,
  type RowTokens,
  type TrlLengthCheck,
  trlDpoConfig,
  trlRpoConfig,
  trlTruncationRule,
} from '@kensa/core';
import {
  contentLength,
  countTokensWithTokenizer,
  detectTrlVersion,
  measurePreferenceDataset,
  type PreferenceDatasetLengths,
  pythonCommand,
  TokenizerUnavailableError,
} from '@kensa/runner';
import type { Io } from '../../io';
import { parseNumberOption } from '../../parse-number-option';
import { UsageError } from '../../usage-error';

export interface RpoConfigOptions {
  readonly alpha?: string;
  readonly beta?: string;
  readonly data?: string;
  readonly json?: boolean;
  /** The TRL version to target; detected from `python3 -c "import trl"` when absent. */
  readonly trlVersion?: string;
  readonly maxLength?: string;
  /** A tokenizer (folder or hub name) to count the dataset's tokens with, through transformers. */
  readonly tokenizer?: string;
}

/** What `kensa rpo config` targets when no TRL can be found: the release line current when this was written. */
export const assumedTrlVersion = '1.13.0';

/** The seed's RPO stage weighted the NLL term by α = 10. */
export const seedAlpha = 10;
/** TRL's default β. */
export const defaultBeta = 0.1;

const notes = {
  nll: "NLL term: TRL averages it over all chosen tokens of a micro-batch pooled together; the RPO paper (Pang et al. 2024) averages per sequence. The two agree only when every chosen completion has the same length. 'kensa rpo loss' reports both (nll_loss, nll_loss_sequence_mean).",
  rewards:
    'TRL 0.20–0.28 with a list of loss types scales the logged rewards/* by the sum of loss_weights (the loss itself is unaffected); with rpo_alpha they are unscaled.',
  lengths:
    "Lengths: a 3shot-explain prompt carries three worked explanations before the question — IgakuQA's run to 1,100–2,300 Japanese characters, well over 512 tokens with typical tokenizers — and every completion is an explanation. TRL truncates silently: max_prompt_length (512 tokens or fewer by default in TRL 0.1x–0.2x; it keeps the end, so the few-shot examples go first), max_completion_length, and max_length for prompt plus completion (1024 or fewer by default). Count tokens with your model's tokenizer and set all three explicitly (or None). Check your TRL version's defaults: they have moved between releases.",
  tokenZero:
    "TRL 0.12–0.28 computes the NLL with ignore_index=0: a real completion token whose id is 0 drops out of the NLL (not of the DPO sums). In byte-level BPE vocabularies id 0 is often '!'; check what your tokenizer's id 0 is.",
} as const;

/** Per-message overhead of a chat template, in the estimate (role markers and separators). */
const chatTemplateTokensPerMessage = 8;

function estimateTokens(value: unknown): number {
  const messages = Array.isArray(value) ? value.length : 0;
  return contentLength(value) + messages * chatTemplateTokensPerMessage;
}

/** Rounds a token count up to a multiple of 64, the limit printed when nothing may be truncated. */
function roundUp(tokens: number): number {
  return Math.max(64, Math.ceil(tokens / 64) * 64);
}

async function rowTokens(
  dataset: PreferenceDatasetLengths,
  tokenizer: string | undefined,
  python: string,
): Promise<{ counter: string; tokens: RowTokens[] }> {
  if (tokenizer === undefined) {
    return {
      counter: `estimate: 1 token per character of content, +${chatTemplateTokensPerMessage} per chat message, +1 EOS per completion (give --tokenizer to count exactly)`,
      tokens: dataset.rows.map((row) => ({
        prompt: estimateTokens(row.prompt),
        chosen: estimateTokens(row.chosen) + 1,
        rejected: estimateTokens(row.rejected) + 1,
      })),
    };
  }
  try {
    return {
      counter: `tokenizer ${tokenizer}`,
      tokens: await countTokensWithTokenizer(python, tokenizer, dataset.rows),
    };
  } catch (error) {
    if (TokenizerUnavailableError.isInstance(error)) throw new UsageError(`--tokenizer: ${error.message}`);
    throw error;
  }
}

function lengthWarnings(check: TrlLengthCheck, maxLength: number | null, trlVersion: string): string[] {
  const warnings: string[] = [];
  if (check.dropped > 0)
    warnings.push(
      `${check.dropped} of ${check.rows} rows would be DROPPED by TRL ${trlVersion}: their prompt alone fills max_length=${maxLength} (longest prompt ${check.longestPrompt} tokens).`,
    );
  if (check.emptied > 0)
    warnings.push(
      `${check.emptied} of ${check.rows} rows would keep no completion token at max_length=${maxLength} on TRL ${trlVersion} (the prompt fills it).`,
    );
  if (check.truncated > 0)
    warnings.push(
      `${check.truncated} of ${check.rows} rows would be truncated on TRL ${trlVersion} at max_length=${maxLength}${check.promptsTruncated > 0 ? ` (${check.promptsTruncated} of them in the prompt)` : ''}; the longest row needs ${check.longestSequence} tokens.`,
    );
  return warnings;
}

/** `kensa rpo config`: the TRL DPOConfig settings that train with the RPO loss, on the TRL a user has. */
export async function rpoConfigCommand(options: RpoConfigOptions, io: Io): Promise<number> {
  const alpha = parseNumberOption('--alpha', options.alpha, { min: 0 }) ?? seedAlpha;
  const beta = parseNumberOption('--beta', options.beta) ?? defaultBeta;
  if (!(beta > 0)) throw new UsageError(`--beta must be a number > 0, not '${options.beta}'.`);
  const givenMaxLength = parseNumberOption('--max-length', options.maxLength, { min: 1 });
  if (givenMaxLength !== undefined && !Number.isInteger(givenMaxLength))
    throw new UsageError(`--max-length must be a whole number of tokens, not '${options.maxLength}'.`);
  const config = trlRpoConfig({ beta, alpha });
  const dataset =
    options.data === undefined
      ? undefined
      : measurePreferenceDataset(path.resolve(io.cwd, options.data), options.data);

  const python = pythonCommand(io.env);
  let versionSource: string;
  let versionText: string;
  if (options.trlVersion !== undefined) {
    versionText = options.trlVersion;
    versionSource = '--trl-version';
  } else {
    const detected = await detectTrlVersion(python);
    versionText = detected ?? assumedTrlVersion;
    versionSource =
      detected === undefined
        ? `assumed: no TRL found with ${python} (give --trl-version, or set KENSA_PYTHON)`
        : `installed (${python})`;
  }
  const version = parseTrlVersion(versionText);
  if (version === undefined)
    throw new UsageError(`--trl-version must look like 1.13.0 or 0.28, not '${versionText}'.`);
  const rule = trlTruncationRule(version);

  const counted = dataset === undefined ? undefined : await rowTokens(dataset, options.tokenizer, python);
  const longest =
    counted === undefined ? undefined : checkTrlLengths(counted.tokens, rule, { maxLength: null });
  const maxLength =
    givenMaxLength ?? (longest === undefined ? rule.defaultMaxLength : roundUp(longest.longestSequence));
  const oldLimits =
    rule.keep === 'end'
      ? {
          maxPromptLength: longest === undefined ? 512 : roundUp(longest.longestPrompt),
          maxCompletionLength: longest === undefined ? null : roundUp(longest.longestCompletion),
        }
      : {};
  let printed: ReturnType<typeof trlDpoConfig>;
  try {
    printed = trlDpoConfig({ beta, alpha, version, maxLength, ...oldLimits });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const check =
    counted === undefined ? undefined : checkTrlLengths(counted.tokens, rule, { maxLength, ...oldLimits });
  const warnings = check === undefined ? [] : lengthWarnings(check, maxLength, printed.trlVersion);
  if (dataset === undefined)
    warnings.push(
      `max_length=${maxLength} is TRL's default, printed so it is explicit; give --data FILE to size it to your dataset (3shot-explain prompts often exceed it).`,
    );

  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        {
          alpha,
          beta,
          trlVersion: printed.trlVersion,
          trlVersionSource: versionSource,
          api: printed.api,
          dpoConfig: printed.dpoConfig,
          python: printed.python,
          'trl_0.10_to_0.28': config.rpoAlpha,
          'trl_0.29_and_later': config.lossWeightsText,
          ...(dataset === undefined
            ? {}
            : {
                dataset: {
                  file: dataset.file,
                  pairs: dataset.pairs,
                  format: dataset.format,
                  longestPromptChars: dataset.longestPromptChars,
                  longestCompletionChars: dataset.longestCompletionChars,
                  tokens: { counter: counted?.counter, ...check },
                },
              }),
          warnings,
          notes: Object.values(notes),
        },
        null,
        2,
      )}\n`,
    );
    for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
    return 0;
  }

  const lines = [
    `RPO with TRL's DPOTrainer: DPO's sigmoid loss + α · NLL of the chosen completion, α = ${alpha}${alpha === seedAlpha ? " (the seed's RPO stage)" : ''}, β = ${beta}.`,
    '',
    `For TRL ${printed.trlVersion} (${versionSource}):`,
    `  ${printed.python}`,
    '',
    'Both TRL APIs, for reference:',
    'TRL 0.10 – 0.28:',
    `  ${config.rpoAlpha}`,
    'TRL 0.29 and later:',
    `  ${config.lossWeightsText}`,
    '',
    'In Python:',
    '  from datasets import load_dataset',
    '  from trl import DPOConfig, DPOTrainer',
    `  args = ${printed.python}`,
    '  train = load_dataset("json", data_files="pairs.jsonl", split="train")',
    `  DPOTrainer(model=model, args=args, train_dataset=train, ${version.major === 0 && version.minor < 12 ? 'tokenizer' : 'processing_class'}=tokenizer).train()`,
    '',
    'Notes:',
    ...Object.values(notes).map((note) => `- ${note}`),
  ];
  if (dataset !== undefined) {
    lines.push(
      '',
      `${dataset.file}: ${dataset.pairs} pairs (${dataset.format} format); longest prompt ${dataset.longestPromptChars.toLocaleString('en-US')} characters, longest completion ${dataset.longestCompletionChars.toLocaleString('en-US')} characters.`,
    );
    if (check !== undefined)
      lines.push(
        `Tokens (${counted?.counter}): longest prompt ${check.longestPrompt}, longest completion ${check.longestCompletion}, longest row ${check.longestSequence}; at max_length=${maxLength}: ${check.truncated} truncated, ${check.dropped} dropped.`,
      );
  }
  if (warnings.length > 0) lines.push('', ...warnings.map((warning) => `Warning: ${warning}`));
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
