import type { TrlTruncationRule } from './trl-dpo-config';

/** One preference row's lengths in tokens (prompt as TRL tokenizes it, each completion without the prompt). */
export interface RowTokens {
  readonly prompt: number;
  readonly chosen: number;
  readonly rejected: number;
}

export interface TrlLengthLimits {
  readonly maxLength: number | null;
  /** TRL before 0.29 only. */
  readonly maxPromptLength?: number | null;
  readonly maxCompletionLength?: number | null;
}

/** What TRL would do to a dataset at these limits. */
export interface TrlLengthCheck {
  readonly rows: number;
  readonly longestPrompt: number;
  readonly longestCompletion: number;
  /** Longest prompt + completion of any row, the `max_length` that keeps every row whole. */
  readonly longestSequence: number;
  /** Rows that lose tokens of a completion (or, before 0.29, of the prompt) to truncation but are kept. */
  readonly truncated: number;
  /** Rows whose prompt cuts into its few-shot examples (TRL before 0.29, prompt over `max_prompt_length`). */
  readonly promptsTruncated: number;
  /** Rows TRL removes from the dataset because the prompt alone fills `max_length` (TRL 1.9 and later). */
  readonly dropped: number;
  /** Rows with no completion token left after truncation that TRL keeps (trains on nothing for them). */
  readonly emptied: number;
}

/**
 * Applies a TRL version's truncation rule to token counts: the numbers `kensa rpo config` warns with. Rows are
 * judged as TRL builds them: prompt + chosen and prompt + rejected, each cut to `max_length`.
 */
export function checkTrlLengths(
  rows: readonly RowTokens[],
  rule: TrlTruncationRule,
  limits: TrlLengthLimits,
): TrlLengthCheck {
  let truncated = 0;
  let promptsTruncated = 0;
  let dropped = 0;
  let emptied = 0;
  let longestPrompt = 0;
  let longestCompletion = 0;
  let longestSequence = 0;
  for (const row of rows) {
    const completion = Math.max(row.chosen, row.rejected);
    longestPrompt = Math.max(longestPrompt, row.prompt);
    longestCompletion = Math.max(longestCompletion, completion);
    longestSequence = Math.max(longestSequence, row.prompt + completion);
    const maxLength = limits.maxLength;
    if (rule.keep === 'start') {
      if (maxLength === null) continue;
      if (row.prompt >= maxLength) {
        if (rule.dropsFullPrompts) dropped += 1;
        else emptied += 1;
      } else if (row.prompt + completion > maxLength) truncated += 1;
      continue;
    }
    // TRL 0.x before 0.29: the prompt keeps its end within max_prompt_length, each completion is cut to
    // max_completion_length, then the prompt again when prompt + completion still exceeds max_length.
    const promptOver = limits.maxPromptLength != null && row.prompt > limits.maxPromptLength;
    const prompt = promptOver ? (limits.maxPromptLength ?? 0) : row.prompt;
    const completionOver = limits.maxCompletionLength != null && completion > limits.maxCompletionLength;
    const kept = completionOver ? (limits.maxCompletionLength ?? 0) : completion;
    const sequenceOver = maxLength !== null && prompt + kept > maxLength;
    if (promptOver || sequenceOver) promptsTruncated += 1;
    if (promptOver || completionOver || sequenceOver) truncated += 1;
  }
  return {
    rows: rows.length,
    longestPrompt,
    longestCompletion,
    longestSequence,
    truncated,
    promptsTruncated,
    dropped,
    emptied,
  };
}

/** The stated estimate when no tokenizer is given: one token per character (Japanese text in common BPE vocabularies runs 0.7–1.3 tokens per character). */
export const tokensPerCharacterEstimate = 1;
