// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { imageDataUrls, toOpenAIMessages, withImages } from '@kensa/core';
import { readSharedSources } from '@kensa/test-support';
import { describe, expect, it } from 'vitest';
import { igakuqa119, jmle2026 } from './index';

/*
 * The images are not mirrored for tests, so each image source is stood in for by a few bytes of our own: what
 * is checked is which files go with which question, in which order, as OpenAI content parts.
 */
describe.each([
  { benchmark: igakuqa119, id: '119A15', files: ['images/119A15-1.png', 'images/119A15-2.png'] },
  { benchmark: jmle2026, id: '120B-41', files: ['images/120B-41-42_1.png'] },
])('vision prompts of $benchmark.id', ({ benchmark, id, files }) => {
  const items = benchmark.parse(readSharedSources(benchmark.sources));
  const standIns = new Map(
    benchmark.imageSources.map((file) => [file.path, Buffer.from(file.path).toString('base64')]),
  );
  const urls = imageDataUrls(items, standIns);
  const mode = withImages(benchmark.prompts[0] as (typeof benchmark.prompts)[number], urls);
  const examples = benchmark.examples?.(readSharedSources(benchmark.sources)) ?? [];

  it(`sends ${id}'s images after its question text, in order`, () => {
    const item = items.find((entry) => entry.id === id);
    if (item === undefined) throw new Error(`no ${id}`);
    const messages = toOpenAIMessages(mode.render(item, { examples }).messages);
    const last = messages.at(-1);
    expect(last?.role).toBe('user');
    expect(Array.isArray(last?.content)).toBe(true);
    const parts = last?.content as { type: string; image_url?: { url: string } }[];
    expect(parts[0]?.type).toBe('text');
    expect(parts.slice(1)).toEqual(
      files.map((file) => ({
        type: 'image_url',
        image_url: { url: `data:image/png;base64,${Buffer.from(file).toString('base64')}` },
      })),
    );
    // The few-shot turns stay text.
    expect(messages.slice(0, -1).every((message) => typeof message.content === 'string')).toBe(true);
  });

  it('leaves questions without images as plain text', () => {
    const item = items.find((entry) => entry.images === undefined);
    if (item === undefined) throw new Error('no text-only item');
    const messages = toOpenAIMessages(mode.render(item, { examples }).messages);
    expect(typeof messages.at(-1)?.content).toBe('string');
  });
});
