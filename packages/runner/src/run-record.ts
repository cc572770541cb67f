import type { ChatMessage, Verdict } from '@kensa/core';
import type { ModelReply } from './model';
import type { RunSources } from './run-sources';

/**
 * A line of a run folder's `log.jsonl`. Model runs (`kensa eval`) fill every field they know; scored prediction
 * files (`kensa score --out`) hold the prediction as the reply and its explanation.
 */
export interface RunRecord {
  readonly itemId: string;
  /** Which of K samples (0-based). */
  readonly sample: number;
  readonly status: 'ok' | 'error';
  readonly reply?: ModelReply;
  /** The explanation a prediction file gave with its answer. */
  readonly explanation?: string;
  /** The rendered prompt, and hashes of it and of the request. */
  readonly messages?: readonly ChatMessage[];
  readonly promptHash?: string;
  readonly requestHash?: string;
  readonly extracted?: readonly string[] | null;
  readonly verdict?: Verdict;
  readonly correct?: boolean;
  readonly error?: string;
  readonly httpStatus?: number;
  readonly attempts?: number;
  readonly cached?: boolean;
  readonly latencyMs?: number;
  readonly finishedAt?: string;
}

/** What every run manifest says, whichever command wrote it. */
export interface RunManifestBase {
  readonly kind: 'eval' | 'score';
  readonly formatVersion: 1;
  readonly benchmark: string;
  readonly benchmarkVersion: string;
  /** The model, or for scored files the published name or `predictions`. */
  readonly model: string;
  /** The prompt mode; `predictions` for scored files. */
  readonly mode: string;
  /** How answers were compared with keys. */
  readonly match: 'exact' | 'normalized';
  readonly startedAt: string;
  readonly finishedAt?: string;
  /** The benchmark data the run read: the mirror it came from, and each file's SHA-256. */
  readonly sources?: RunSources;
  /** The factory options the benchmark was built with (`-T key=value`), and the id it was built from. */
  readonly benchmarkOptions?: RecordedBenchmarkOptions;
}

/** Options a run's benchmark was built with: `from` is the registry id (`medqa-ja`), `values` as given. */
export interface RecordedBenchmarkOptions {
  readonly from: string;
  readonly values: Readonly<Record<string, string>>;
}
