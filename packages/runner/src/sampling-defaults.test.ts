import { describe, expect, it } from 'vitest';
import { defaultTemperature, isOpenAIReasoningModel, sampleSeeds, samplingFields } from './sampling-defaults';

describe('sampling defaults', () => {
  it('knows OpenAI reasoning models by name', () => {
    for (const name of ['o1', 'o3', 'o3-mini', 'o4-mini', 'gpt-5', 'gpt-5-mini', 'gpt-5.1', 'openai/o3'])
      expect(isOpenAIReasoningModel(name), name).toBe(true);
    for (const name of ['gpt-4o', 'gpt-5-chat-latest', 'Qwen/Qwen3-8B', 'llama3.1', 'olmo-2'])
      expect(isOpenAIReasoningModel(name), name).toBe(false);
    expect(defaultTemperature('gpt-4o')).toBe(0);
    expect(defaultTemperature('o3')).toBeUndefined();
  });

  it('gives sample k seed + k and reasoning models max_completion_tokens', () => {
    const sampling = { temperature: 0.8, maxTokens: 256, seed: 7 };
    expect(samplingFields(sampling, { model: 'Qwen/Qwen3-8B', sample: 3 })).toEqual({
      temperature: 0.8,
      max_tokens: 256,
      seed: 10,
    });
    expect(samplingFields({ maxTokens: 256 }, { model: 'o4-mini', sample: 0 })).toEqual({
      max_completion_tokens: 256,
    });
    expect(sampleSeeds(sampling, 4)).toEqual([7, 8, 9, 10]);
    expect(sampleSeeds({}, 4)).toBeUndefined();
  });
});
