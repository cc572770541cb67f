const marker = Symbol.for('kensa.error');

/**
 * Base class of every error Kensa throws on purpose. The `Symbol.for` marker lets `isInstance` recognise errors
 * thrown by another copy of this package (two versions installed side by side), where `instanceof` fails.
 */
export class KensaError extends Error {
  protected readonly [marker] = true;
  /** A stable machine-readable code, e.g. `dataset-parse`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KensaError';
    this.code = code;
  }

  static isInstance(error: unknown): error is KensaError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}

/** A file's content is malformed: names the file and the 1-based line. */
export class DatasetParseError extends KensaError {
  readonly file: string;
  readonly line: number | undefined;

  constructor(options: { file: string; line?: number; message: string; cause?: unknown }) {
    const where = options.line === undefined ? options.file : `${options.file}:${options.line}`;
    super('dataset-parse', `${where}: ${options.message}`, { cause: options.cause });
    this.name = 'DatasetParseError';
    this.file = options.file;
    this.line = options.line;
  }

  static override isInstance(error: unknown): error is DatasetParseError {
    return KensaError.isInstance(error) && error.code === 'dataset-parse';
  }
}

/** A benchmark id that no registered plugin provides; suggests the closest ids. */
export class UnknownBenchmarkError extends KensaError {
  readonly id: string;
  readonly known: readonly string[];
  readonly suggestions: readonly string[];

  constructor(options: { id: string; known: readonly string[]; suggestions: readonly string[] }) {
    const hint =
      options.suggestions.length > 0
        ? ` Did you mean ${options.suggestions.map((s) => `'${s}'`).join(' or ')}?`
        : ` Known benchmarks: ${options.known.join(', ')}.`;
    super('unknown-benchmark', `Unknown benchmark '${options.id}'.${hint}`);
    this.name = 'UnknownBenchmarkError';
    this.id = options.id;
    this.known = options.known;
    this.suggestions = options.suggestions;
  }

  static override isInstance(error: unknown): error is UnknownBenchmarkError {
    return KensaError.isInstance(error) && error.code === 'unknown-benchmark';
  }
}

/** A prediction does not fit the benchmark: unknown item, duplicate, or the wrong kind of answer. */
export class PredictionError extends KensaError {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly itemId: string | undefined;

  constructor(options: { file?: string; line?: number; itemId?: string; message: string }) {
    const where =
      options.file === undefined
        ? ''
        : `${options.file}${options.line === undefined ? '' : `:${options.line}`}: `;
    super('prediction', `${where}${options.message}`);
    this.name = 'PredictionError';
    this.file = options.file;
    this.line = options.line;
    this.itemId = options.itemId;
  }

  static override isInstance(error: unknown): error is PredictionError {
    return KensaError.isInstance(error) && error.code === 'prediction';
  }
}

/** Options for a benchmark's factory (`-T key=value`) that its schema refuses; lists the valid keys. */
export class BenchmarkOptionsError extends KensaError {
  readonly benchmark: string;
  readonly problems: readonly string[];
  readonly keys: readonly { readonly key: string; readonly description: string }[];

  constructor(options: {
    benchmark: string;
    problems: readonly string[];
    keys: readonly { readonly key: string; readonly description: string }[];
  }) {
    const valid =
      options.keys.length === 0
        ? `${options.benchmark} takes no options.`
        : `Valid options: ${options.keys.map((info) => info.key).join(', ')} (see 'kensa list').`;
    super(
      'benchmark-options',
      `Bad options for ${options.benchmark}: ${options.problems.join('; ')}. ${valid}`,
    );
    this.name = 'BenchmarkOptionsError';
    this.benchmark = options.benchmark;
    this.problems = options.problems;
    this.keys = options.keys;
  }

  static override isInstance(error: unknown): error is BenchmarkOptionsError {
    return KensaError.isInstance(error) && error.code === 'benchmark-options';
  }
}
