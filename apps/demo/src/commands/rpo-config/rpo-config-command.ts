import path from 'node:path';
import { pythonFloat, trlRpoConfig } from '@kensa/core';
import { measurePreferenceDataset } from '@kensa/runner';
import type { Io } from '../../io';
import { parseNumberOption } from '../../parse-number-option';
import { UsageError } from '../../usage-error';

export interface RpoConfigOptions {
  readonly alpha?: string;
  readonly beta?: string;
  readonly data?: string;
  readonly json?: boolean;
}

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

/** `kensa rpo config`: the TRL DPOConfig settings that train with the RPO loss, for both TRL APIs. */
export function rpoConfigCommand(options: RpoConfigOptions, io: Io): number {
  const alpha = parseNumberOption('--alpha', options.alpha, { min: 0 }) ?? seedAlpha;
  const beta = parseNumberOption('--beta', options.beta) ?? defaultBeta;
  if (!(beta > 0)) throw new UsageError(`--beta must be a number > 0, not '${options.beta}'.`);
  const config = trlRpoConfig({ beta, alpha });
  const dataset =
    options.data === undefined
      ? undefined
      : measurePreferenceDataset(path.resolve(io.cwd, options.data), options.data);

  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        {
          alpha,
          beta,
          'trl_0.10_to_0.28': config.rpoAlpha,
          'trl_0.29_and_later': config.lossWeightsText,
          ...(dataset === undefined ? {} : { dataset }),
          notes: Object.values(notes),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }

  const lines = [
    `RPO with TRL's DPOTrainer: DPO's sigmoid loss + α · NLL of the chosen completion, α = ${alpha}${alpha === seedAlpha ? " (the seed's RPO stage)" : ''}, β = ${beta}.`,
    '',
    'TRL 0.10 – 0.28:',
    `  ${config.rpoAlpha}`,
    'TRL 0.29 and later:',
    `  ${config.lossWeightsText}`,
    '',
    'In Python (keep the line for your TRL version):',
    '  from trl import DPOConfig, DPOTrainer',
    '  args = DPOConfig(',
    '      output_dir="rpo",',
    `      loss_type="sigmoid", rpo_alpha=${pythonFloat(alpha)},                     # TRL 0.10–0.28`,
    `      # loss_type=["sigmoid", "sft"], loss_weights=[1.0, ${pythonFloat(alpha)}],  # TRL 0.29 and later`,
    `      beta=${pythonFloat(beta)},`,
    '      # max_prompt_length=…, max_completion_length=…, max_length=…,  # from token counts; see the notes',
    '  )',
    '  train = load_dataset("json", data_files="pairs.jsonl", split="train")',
    '  DPOTrainer(model=model, args=args, train_dataset=train, processing_class=tokenizer).train()  # tokenizer=… before TRL 0.12',
    '',
    'Notes:',
    ...Object.values(notes).map((note) => `- ${note}`),
  ];
  if (dataset !== undefined) {
    lines.push(
      '',
      `${dataset.file}: ${dataset.pairs} pairs (${dataset.format} format); longest prompt ${dataset.longestPromptChars.toLocaleString('en-US')} characters, longest completion ${dataset.longestCompletionChars.toLocaleString('en-US')} characters. Count them in tokens with your tokenizer before setting the limits.`,
    );
  }
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
