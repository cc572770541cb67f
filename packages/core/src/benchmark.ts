import type { BenchmarkOptions } from './benchmark-options';
import type { RenderedPrompt } from './chat-message';
import type { LikelihoodPrompt } from './choice-prompt';
import type { ExamRules } from './exam-rules';
import type { Item } from './item';
import type { Prediction } from './prediction';
import type { MatchMode } from './score-item';
import type { SourceContents, SourceFile } from './source-file';

/** How a benchmark's results aggregate. */
export type BenchmarkScoring =
  /** Points per exam sitting with pass/fail; `examOf` names the sitting an item belongs to. */
  | { readonly kind: 'exam'; readonly rules: readonly ExamRules[]; readonly examOf: (item: Item) => string }
  /** Accuracy with a 95 % interval over all items. */
  | { readonly kind: 'accuracy' };

/** How a benchmark reads prediction files written by other tools (`kensa score --predictions`). */
export interface PredictionFormat {
  /** Parses one file; errors name the file and line. */
  parse(text: string, file: string): Prediction[];
  /** How a prediction is compared with the key by default (see `MatchMode`). */
  readonly match: MatchMode;
  /** Prediction files published upstream, by name (`--published NAME`). */
  readonly published?: {
    readonly names: readonly string[];
    sources(name: string): readonly SourceFile[];
  };
}

/** What a prompt mode may use besides the item: the benchmark's few-shot examples. */
export interface PromptContext {
  readonly examples: readonly Item[];
}

/** One way of asking a question (`0shot`, `3shot`, `3shot-explain`, …). */
export interface PromptMode {
  readonly id: string;
  readonly description: string;
  render(item: Item, context: PromptContext): RenderedPrompt;
}

/**
 * The benchmark contract, version 1. A plugin returns an object of this shape (built with `defineBenchmark`);
 * core and the runner accept any object that satisfies it, and never reach into a plugin's internals.
 */
export interface Benchmark {
  readonly specificationVersion: 'v1';
  readonly id: string;
  readonly title: string;
  readonly citation: string;
  readonly licence: string;
  /** Bumped whenever a change can move scores (parsing, rulings, prompts, scoring). */
  readonly version: string;
  /** The upstream files it needs; the runner resolves them. */
  readonly sources: readonly SourceFile[];
  /**
   * Image files the items refer to (`Item.images`), resolved only when a run shows images (`--images vision`);
   * each with `encoding: 'base64'` and a SHA-256 like any source.
   */
  readonly imageSources?: readonly SourceFile[];
  /** Turns resolved file contents into validated items; errors name the file and line. */
  parse(contents: SourceContents): Item[];
  /** Few-shot examples, parsed from the same resolved sources; none by default. */
  examples?(contents: SourceContents): Item[];
  /** Prompt modes; the first is the default. */
  readonly prompts: readonly PromptMode[];
  /**
   * Likelihood scoring (`--scoring likelihood`), for benchmarks that support it: the prompt and each option's
   * continuation, scored by their log-probabilities instead of a generated answer. The context holds the
   * benchmark's few-shot examples (`examples`), for renderers that use them; added in contract v1.
   */
  readonly likelihood?: { render(item: Item, context?: PromptContext): LikelihoodPrompt };
  readonly scoring: BenchmarkScoring;
  readonly predictions?: PredictionFormat;
  /**
   * The factory's options (`-T key=value` on the command line), for benchmarks that have any: what `kensa list`
   * prints, and how the CLI builds the benchmark with other values. Optional; added in contract v1.
   */
  readonly options?: BenchmarkOptions;
}

/** Identity helper that checks a plugin's object against the contract and keeps its precise type. */
export function defineBenchmark<const T extends Benchmark>(benchmark: T): T {
  return benchmark;
}
