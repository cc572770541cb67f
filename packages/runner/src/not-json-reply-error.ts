import { KensaError } from '@kensa/core';

/** How much of a non-JSON body an error message quotes. */
const quotedLength = 80;

/** The start of a body, on one line, for an error message. */
export function quoteBody(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > quotedLength ? `${line.slice(0, quotedLength)}…` : line;
}

/** Whether a body is an HTML page (a web UI, a proxy's login page) rather than an API answer. */
export function looksLikeHtml(body: string): boolean {
  return /<(!doctype html|html[\s>]|head>|body[\s>])/i.test(body.slice(0, 512));
}

/** Longest server error message kept whole in a log line or on the terminal. */
const maxMessageLength = 1000;

/** A server's error message cut to a readable length (an error body may be a whole page). */
export function boundedMessage(message: string): string {
  if (message.length <= maxMessageLength) return message;
  return `${message.slice(0, maxMessageLength)}… (${message.length - maxMessageLength} more characters)`;
}

/**
 * The server answered 200 with something that is not JSON, most often an HTML page because the base URL points
 * at a web UI or misses the API path; every other request would get the same.
 */
export class NotJsonReplyError extends KensaError {
  readonly body: string;

  constructor(body: string) {
    super(
      'not-json-reply',
      `the server answered with ${looksLikeHtml(body) ? 'an HTML page' : 'text'}, not JSON ` +
        `("${quoteBody(body)}"); is --base-url the API root, e.g. http://localhost:8000/v1?`,
    );
    this.name = 'NotJsonReplyError';
    this.body = quoteBody(body);
  }

  static override isInstance(error: unknown): error is NotJsonReplyError {
    return KensaError.isInstance(error) && error.code === 'not-json-reply';
  }
}
