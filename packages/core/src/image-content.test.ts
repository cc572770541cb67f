import { describe, expect, it } from 'vitest';
import { attachImages, imageDataUrls, toOpenAIMessages, withImages } from './image-content';
import type { Item } from './item';

const item: Item = {
  id: 'X1',
  kind: 'choice',
  question: '写真を示す。診断はどれか。',
  choices: ['甲', '乙'],
  choose: 1,
  answer: ['a'],
  hasImage: true,
  images: [
    { path: 'images/X1-1.png', mediaType: 'image/png' },
    { path: 'images/X1-2.jpg', mediaType: 'image/jpeg' },
  ],
};

describe('image content', () => {
  it('makes data URLs from resolved base64 contents, naming an unresolved image', () => {
    const urls = imageDataUrls(
      [item],
      new Map([
        ['images/X1-1.png', 'AAA='],
        ['images/X1-2.jpg', 'BBB='],
      ]),
    );
    expect([...urls.values()]).toEqual(['data:image/png;base64,AAA=', 'data:image/jpeg;base64,BBB=']);
    expect(() => imageDataUrls([item], new Map())).toThrow(
      /Image 'images\/X1-1\.png' of X1 was not resolved/,
    );
  });

  it('attaches the images to the question and sends them as image_url parts after the text', () => {
    const urls = new Map([
      ['images/X1-1.png', 'data:image/png;base64,AAA='],
      ['images/X1-2.jpg', 'data:image/jpeg;base64,BBB='],
    ]);
    const mode = withImages(
      {
        id: '0shot',
        description: 'd',
        render: () => ({
          messages: [
            { role: 'system', content: 'sys' },
            { role: 'user', content: 'q' },
          ],
          template: 't/1',
        }),
      },
      urls,
    );
    const prompt = mode.render(item, { examples: [] });
    expect(prompt.template).toBe('t/1+images');
    expect(toOpenAIMessages(prompt.messages)).toEqual([
      { role: 'system', content: 'sys' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'q' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAA=' } },
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,BBB=' } },
        ],
      },
    ]);
  });

  it('leaves a prompt without images unchanged', () => {
    const prompt = { messages: [{ role: 'user' as const, content: 'q' }], template: 't/1' };
    expect(attachImages(prompt, [])).toBe(prompt);
    expect(toOpenAIMessages(prompt.messages)).toEqual([{ role: 'user', content: 'q' }]);
  });
});
