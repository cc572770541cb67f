import { KensaError } from '@kensa/core';
import { createExamineeMajorityModel } from './examinee-majority-model';
import type { Model } from './model';
import { createOpenAIModel } from './openai-model';
import { createRandomModel } from './random-model';

export const baselineNames = ['baseline:examinee-majority', 'baseline:random'] as const;

export interface ResolveModelOptions {
  /** `--model`: a served model name, or a built-in baseline. */
  readonly model: string;
  /** `--base-url`, else `OPENAI_BASE_URL`, else OpenAI's API. */
  readonly baseURL?: string;
  readonly apiKey?: string;
  readonly api?: 'chat' | 'completions';
  /** Seed of `baseline:random`. */
  readonly seed?: number;
  readonly fetch?: typeof fetch;
  /** Connections kept open to the server: the run's concurrency. */
  readonly maxConnections?: number;
  /** Replies over this many bytes fail their item unread. */
  readonly maxReplyBytes?: number;
}

/** Turns a `--model` value into a model: `baseline:…` names are built in, anything else is served at a base URL. */
export function resolveModel(options: ResolveModelOptions): Model {
  if (options.model.startsWith('baseline:')) {
    if (options.model === 'baseline:examinee-majority') return createExamineeMajorityModel();
    if (options.model === 'baseline:random') return createRandomModel(options.seed ?? 0);
    throw new KensaError(
      'usage',
      `Unknown baseline '${options.model}'; built-in baselines: ${baselineNames.join(', ')}.`,
    );
  }
  return createOpenAIModel({
    model: options.model,
    baseURL: options.baseURL ?? 'https://api.openai.com/v1',
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    ...(options.api === undefined ? {} : { api: options.api }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
    ...(options.maxReplyBytes === undefined ? {} : { maxReplyBytes: options.maxReplyBytes }),
  });
}
