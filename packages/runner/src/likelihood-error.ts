import { KensaError } from '@kensa/core';

/**
 * The server cannot score options by likelihood at all (no echo, no prompt log-probabilities, `text_offset`
 * -1, list prompts refused, a chat-only model): every item would fail the same way, so the run stops.
 */
export class LikelihoodUnsupportedError extends KensaError {
  /** What the server does, in a few words (`answers echo with HTTP 500 "Only no echo is supported"`). */
  readonly behaviour: string;

  constructor(options: { behaviour: string; cause?: unknown }) {
    super(
      'likelihood-unsupported',
      `This server cannot score options by likelihood: it ${options.behaviour}. ` +
        'Use --scoring generate, or serve the model with a server that tokenizes and echoes prompt log-probabilities ' +
        '(vLLM, SGLang).',
      { cause: options.cause },
    );
    this.name = 'LikelihoodUnsupportedError';
    this.behaviour = options.behaviour;
  }

  static override isInstance(error: unknown): error is LikelihoodUnsupportedError {
    return KensaError.isInstance(error) && error.code === 'likelihood-unsupported';
  }
}

/**
 * One item's reply cannot be scored safely (its echoed tokens do not prove where the option starts); the item
 * is refused rather than scored on the wrong tokens. Never retried: the server would answer the same.
 */
export class LikelihoodRefusedError extends KensaError {
  readonly behaviour: string;

  constructor(options: { behaviour: string }) {
    super(
      'likelihood-refused',
      `Refused to score this item by likelihood: the server ${options.behaviour}, so the option's tokens cannot be ` +
        'told apart from the prompt’s. A server with a /tokenize endpoint (vLLM, SGLang) is scored by token ids instead.',
    );
    this.name = 'LikelihoodRefusedError';
    this.behaviour = options.behaviour;
  }

  static override isInstance(error: unknown): error is LikelihoodRefusedError {
    return KensaError.isInstance(error) && error.code === 'likelihood-refused';
  }
}
