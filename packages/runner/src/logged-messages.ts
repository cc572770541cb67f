import type { ChatMessage } from '@kensa/core';
import { sha256Hex } from './sha256';

const dataUrl = /^data:([^;,]+);base64,/;

/**
 * How an image sent as a data URL is written in the run log: its media type, the SHA-256 of its bytes (the form
 * of the data's `SHA256SUMS`) and its size, instead of the base64 text itself. A vision run sends hundreds of
 * images, each in every sample; the log says which file went with a question without holding a copy of it.
 */
export function loggedImage(url: string): string {
  const match = dataUrl.exec(url);
  if (match === null) return url;
  const bytes = Buffer.from(url.slice(match[0].length), 'base64');
  return `${match[1]} sha256:${sha256Hex(bytes)} (${bytes.byteLength} bytes)`;
}

/** The prompt as the run log keeps it: as sent, with each data-URL image written as `loggedImage` says. */
export function loggedMessages(messages: readonly ChatMessage[]): readonly ChatMessage[] {
  if (!messages.some((message) => message.images !== undefined && message.images.length > 0)) return messages;
  return messages.map((message) =>
    message.images === undefined ? message : { ...message, images: message.images.map(loggedImage) },
  );
}
