/** One message of a chat-completions request. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
  /**
   * Images shown with the text, as data URLs (`data:image/png;base64,…`); sent to chat endpoints as OpenAI
   * `image_url` content parts after the text (see `toOpenAIMessages`). Only vision runs (`--images vision`) set it.
   */
  readonly images?: readonly string[];
}

/** A prompt ready to send: chat messages, with the template that made them. */
export interface RenderedPrompt {
  readonly messages: readonly ChatMessage[];
  /** `<template>/<version>`, recorded in run manifests; bumped whenever the rendered text can change. */
  readonly template: string;
}

/**
 * The same conversation as one text for completions endpoints (base models): the system text, then each turn
 * on its own line, with a blank line between a completed exchange and the next question. The text ends where
 * the model's reply begins.
 */
export function messagesToText(messages: readonly ChatMessage[]): string {
  let text = '';
  for (const message of messages) {
    if (text === '') text = message.content;
    else text += message.role === 'assistant' ? `\n${message.content}` : `\n\n${message.content}`;
  }
  return `${text}\n`;
}
