import type { SamplingParameters } from './model';

/**
 * OpenAI reasoning models (o1, o3, o4-mini, gpt-5 …) take `max_completion_tokens` instead of `max_tokens` and
 * only the default temperature (1): anything else is a 400 (`unsupported_parameter` / `unsupported_value`).
 * `gpt-5-chat-*` is a plain chat model.
 */
export function isOpenAIReasoningModel(model: string): boolean {
  const name = model.replace(/^openai\//, '');
  return /^(o\d+|gpt-5)([-.].*)?$/.test(name) && !/^gpt-5[^-]*-chat/.test(name);
}

/** The temperature a benchmark run sends: 0 unless the user says otherwise; reasoning models take only their default. */
export function defaultTemperature(model: string): number | undefined {
  return isOpenAIReasoningModel(model) ? undefined : 0;
}

/** The sampling fields of one request: sample k gets seed + k; reasoning models get `max_completion_tokens`. */
export function samplingFields(
  sampling: SamplingParameters,
  options: { model: string; sample: number },
): Record<string, unknown> {
  const reasoning = isOpenAIReasoningModel(options.model);
  return {
    ...(sampling.temperature === undefined ? {} : { temperature: sampling.temperature }),
    ...(sampling.topP === undefined ? {} : { top_p: sampling.topP }),
    ...(sampling.maxTokens === undefined
      ? {}
      : reasoning
        ? { max_completion_tokens: sampling.maxTokens }
        : { max_tokens: sampling.maxTokens }),
    ...(sampling.seed === undefined ? {} : { seed: sampling.seed + options.sample }),
  };
}

/** The seed each of K samples is sent, for the manifest. */
export function sampleSeeds(sampling: SamplingParameters, samples: number): number[] | undefined {
  const seed = sampling.seed;
  return seed === undefined ? undefined : Array.from({ length: samples }, (_, sample) => seed + sample);
}
