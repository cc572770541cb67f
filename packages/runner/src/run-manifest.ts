import path from 'node:path';
import type { ImageMode } from '@kensa/core';
import type { SamplingParameters } from './model';
import type { Redactor } from './redact-secrets';
import { manifestFile, RunFolderError, writeJsonFile } from './run-folder';
import type { RunManifestBase } from './run-record';

/** What identifies a run: resuming into a folder that holds another configuration is refused. */
export interface RunIdentity {
  readonly benchmark: string;
  readonly benchmarkVersion: string;
  readonly mode: string;
  readonly method: 'generate' | 'likelihood';
  readonly template: string;
  readonly model: string;
  readonly endpoint: string;
  readonly sampling: SamplingParameters;
  readonly samples: number;
  readonly items: number;
  readonly itemsHash: string;
  readonly promptHash: string;
}

export interface RunManifest extends RunIdentity, RunManifestBase {
  readonly kind: 'eval';
  readonly match: 'normalized';
  readonly packages: Readonly<Record<string, string>>;
  readonly resumedAt: readonly string[];
  /** The seed each sample was sent (sample k: seed + k), when a seed was given. */
  readonly sampleSeeds?: readonly number[];
  /** How likelihood replies were scored: med-eval's token-id continuation, or proven character offsets. */
  readonly likelihoodMethod?: 'token-ids' | 'offsets';
  /**
   * What the run did with questions that have images. `skip` left them out and scaled exam pass lines to the points
   * kept, so whoever re-scores the run (`kensa report`, `compare`) must leave them out too.
   */
  readonly images?: ImageMode;
  readonly extra?: Readonly<Record<string, unknown>>;
}

const identityKeys: readonly (keyof RunIdentity)[] = [
  'benchmark',
  'benchmarkVersion',
  'mode',
  'method',
  'template',
  'model',
  'endpoint',
  'sampling',
  'samples',
  'items',
  'itemsHash',
  'promptHash',
];

/** Refuses to resume into a folder whose manifest describes another configuration. */
export function checkSameRun(runDir: string, existing: RunManifest, identity: RunIdentity): void {
  for (const key of identityKeys) {
    const before = JSON.stringify(existing[key]);
    const now = JSON.stringify(identity[key]);
    if (before !== now) {
      throw new RunFolderError(
        runDir,
        `holds a run with ${key} ${before}, not ${now}. Resume it with the same options, or pass another --out.`,
      );
    }
  }
}

/** Marks a run finished: writes its summary and the manifest's end time. */
export async function finishRun(
  runDir: string,
  manifest: RunManifest,
  summary: unknown,
  redact?: Redactor,
): Promise<RunManifest> {
  const finished = { ...manifest, finishedAt: new Date().toISOString() };
  await writeJsonFile(path.join(runDir, 'summary.json'), summary, redact);
  await writeJsonFile(path.join(runDir, manifestFile), finished, redact);
  return finished;
}
