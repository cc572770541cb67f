import { messagesToText } from './chat-message';
import type { PreferencePair } from './preference-pairs';

/**
 * TRL's two preference dataset formats, both with an explicit prompt (https://huggingface.co/docs/trl/dataset_formats):
 * - `standard`: `prompt`, `chosen` and `rejected` are strings; TRL concatenates prompt and completion as they are.
 *   For base or continued-pretraining models.
 * - `conversational`: `prompt` is a list of messages and `chosen`/`rejected` are one assistant message each; TRL
 *   applies the tokenizer's chat template. For chat models.
 */
export type TrlPreferenceFormat = 'standard' | 'conversational';

export const trlPreferenceFormats: readonly TrlPreferenceFormat[] = ['standard', 'conversational'];

export interface TrlStandardPreference {
  readonly prompt: string;
  readonly chosen: string;
  readonly rejected: string;
}

export interface TrlMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface TrlConversationalPreference {
  readonly prompt: readonly TrlMessage[];
  readonly chosen: readonly [TrlMessage];
  readonly rejected: readonly [TrlMessage];
}

export type TrlPreferenceRecord = TrlStandardPreference | TrlConversationalPreference;

/**
 * One pair as a TRL `DPOTrainer` row, with exactly the columns TRL reads and nothing else. The standard prompt is
 * the conversation as one text (`messagesToText`, the same text `--api completions` sends), ending where the reply
 * begins; the conversational prompt is the rendered messages as they were sent — system, few-shot turns, question.
 */
export function toTrlPreference(pair: PreferencePair, format: TrlPreferenceFormat): TrlPreferenceRecord {
  if (format === 'standard') {
    return {
      prompt: messagesToText(pair.prompt),
      chosen: pair.preferred.text,
      rejected: pair.dispreferred.text,
    };
  }
  return {
    prompt: pair.prompt.map((message) => ({ role: message.role, content: message.content })),
    chosen: [{ role: 'assistant', content: pair.preferred.text }],
    rejected: [{ role: 'assistant', content: pair.dispreferred.text }],
  };
}

/** The pairs as JSON Lines, one TRL row a line, each line ending in `\n`; UTF-8 text is kept as is. */
export function trlPreferenceJsonl(pairs: readonly PreferencePair[], format: TrlPreferenceFormat): string {
  return pairs.map((pair) => `${JSON.stringify(toTrlPreference(pair, format))}\n`).join('');
}
