import { type EvaluationRecord, isOpenAIReasoningModel } from '@kensa/runner';
import type { EvalSettings } from './eval-settings';

/** The run header's sampling line: what every request sends, so a score can be traced to its settings. */
export function describeSampling(settings: EvalSettings): string {
  const { sampling, samples, model } = settings;
  if (settings.method === 'likelihood')
    return 'Scoring: option likelihood (temperature 0, one request per item).';
  const parts: string[] = [];
  if (sampling.temperature === undefined) {
    parts.push(
      isOpenAIReasoningModel(model.name)
        ? 'temperature not sent (this reasoning model takes only its default)'
        : 'temperature not sent',
    );
  } else {
    parts.push(
      `temperature ${sampling.temperature}${settings.defaultTemperature ? ' (default; set --temperature to change)' : ''}`,
    );
  }
  if (sampling.maxTokens !== undefined) {
    parts.push(
      `${isOpenAIReasoningModel(model.name) ? 'max_completion_tokens' : 'max_tokens'} ${sampling.maxTokens}`,
    );
  }
  if (sampling.seed !== undefined) {
    parts.push(
      samples > 1
        ? `seeds ${sampling.seed}…${sampling.seed + samples - 1} (sample k: seed + k)`
        : `seed ${sampling.seed}`,
    );
  }
  if (samples > 1) parts.push(`${samples} samples per question`);
  return `Sampling: ${parts.join(', ')}.`;
}

/** Replies cut off at the token limit (`finish_reason: "length"`) whose answer could not be read. */
export function truncatedRecords(records: readonly EvaluationRecord[]): EvaluationRecord[] {
  return records.filter(
    (record) =>
      record.status === 'ok' &&
      record.reply?.finishReason === 'length' &&
      (record.extracted === null || record.extracted === undefined),
  );
}

export function truncationHint(count: number, settings: EvalSettings): string {
  const limit = settings.sampling.maxTokens;
  return (
    `${count} repl${count === 1 ? 'y was' : 'ies were'} cut off at the token limit (finish_reason: length) before an answer ` +
    `could be read, counted wrong: raise --max-tokens${limit === undefined ? '' : ` (now ${limit})`}, or use a prompt mode without explanations.`
  );
}
