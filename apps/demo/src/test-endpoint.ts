import { examQuestionText } from '@kensa/core';
import { igakuqa } from '@kensa/igakuqa';
import { readSharedSources, sharedDataDir } from '@kensa/test-support';
import { createMockServer, type MockServer, type MockServerOptions } from '@kensa/testing';

/** Helpers for tests that run `kensa eval igakuqa` against the mock server. */

export const igakuqaItems = igakuqa.parse(readSharedSources(igakuqa.sources));

type ChatBody = { messages?: { role: string; content: string }[] };

/** The last message of a chat request body: the question, in every prompt mode. */
export const lastMessage = (body: unknown) => (body as ChatBody | undefined)?.messages?.at(-1)?.content ?? '';

/** Items by their whole question text (stem and choices), which identifies an item; short stems repeat. */
export const itemByText = new Map(igakuqaItems.map((item) => [examQuestionText(item), item]));

/** A mock model that answers every IgakuQA question with its key, found by the question text. */
export function knowingServer(options: MockServerOptions = {}): Promise<MockServer> {
  return createMockServer({
    reply: ({ body }) => {
      const item = itemByText.get(lastMessage(body));
      return item === undefined ? 'わかりません' : `答え: ${item.answer.join(',')}`;
    },
    ...options,
  });
}

/** `kensa eval igakuqa` from the shared data mirror, asking `mock-model` at `baseURL`. */
export const igakuqaEvalArgs = (baseURL: string) => [
  'eval',
  'igakuqa',
  '--data-dir',
  sharedDataDir(),
  '--model',
  'mock-model',
  '--base-url',
  baseURL,
];
