import type { PromptMode } from './benchmark';
import type { ChatMessage, RenderedPrompt } from './chat-message';
import type { Item } from './item';
import type { SourceContents } from './source-file';

/**
 * What a run does with questions that have images (the peers' modes):
 * - `vision`: the item's image files go with the question, as `image_url` content parts;
 * - `blind`: the question text alone, as for a text-only model (the default);
 * - `skip`: questions with images are left out, and exam pass lines are scaled to the points that remain.
 */
export type ImageMode = 'vision' | 'blind' | 'skip';

export const imageModes: readonly ImageMode[] = ['vision', 'blind', 'skip'];

/** An OpenAI chat message on the wire: text alone, or text and `image_url` parts. */
export type OpenAIChatMessage =
  | { readonly role: ChatMessage['role']; readonly content: string }
  | {
      readonly role: ChatMessage['role'];
      readonly content: readonly (
        | { readonly type: 'text'; readonly text: string }
        | { readonly type: 'image_url'; readonly image_url: { readonly url: string } }
      )[];
    };

/** Messages as the chat-completions API takes them; a message with images becomes content parts. */
export function toOpenAIMessages(messages: readonly ChatMessage[]): OpenAIChatMessage[] {
  return messages.map((message) =>
    message.images === undefined || message.images.length === 0
      ? textMessage(message)
      : {
          role: message.role,
          content: [
            { type: 'text', text: message.content },
            ...message.images.map((url) => ({ type: 'image_url' as const, image_url: { url } })),
          ],
        },
  );
}

// A frozen message (the few-shot turns every request of a run shares) converts to one frozen object, always the
// same: request hashing remembers the JSON of frozen objects.
const frozenTextMessages = new WeakMap<ChatMessage, OpenAIChatMessage>();

function textMessage(message: ChatMessage): OpenAIChatMessage {
  if (!Object.isFrozen(message)) return { role: message.role, content: message.content };
  let converted = frozenTextMessages.get(message);
  if (converted === undefined) {
    converted = Object.freeze({ role: message.role, content: message.content });
    frozenTextMessages.set(message, converted);
  }
  return converted;
}

/** Data URLs of resolved image sources (base64 text keyed by path), for `withImages`. */
export function imageDataUrls(items: readonly Item[], contents: SourceContents): Map<string, string> {
  const urls = new Map<string, string>();
  for (const item of items) {
    for (const image of item.images ?? []) {
      const data = contents.get(image.path);
      if (data === undefined) {
        throw new Error(
          `Image '${image.path}' of ${item.id} was not resolved; the benchmark must list it in its imageSources.`,
        );
      }
      urls.set(image.path, `data:${image.mediaType};base64,${data}`);
    }
  }
  return urls;
}

/** The prompt with the item's images attached to its last user message (the question). */
export function attachImages(prompt: RenderedPrompt, images: readonly string[]): RenderedPrompt {
  if (images.length === 0) return prompt;
  const last = prompt.messages.length - 1;
  return {
    ...prompt,
    messages: prompt.messages.map((message, index) =>
      index === last ? { ...message, images: [...(message.images ?? []), ...images] } : message,
    ),
    template: `${prompt.template}+images`,
  };
}

/** A prompt mode that also shows each item's images (vision runs). */
export function withImages(mode: PromptMode, dataUrls: ReadonlyMap<string, string>): PromptMode {
  return {
    ...mode,
    render(item, context) {
      const images = (item.images ?? []).map((image) => {
        const url = dataUrls.get(image.path);
        if (url === undefined) throw new Error(`Image '${image.path}' of ${item.id} was not resolved.`);
        return url;
      });
      return attachImages(mode.render(item, context), images);
    },
  };
}
