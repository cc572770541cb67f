import path from 'node:path';
import { logFile, manifestFile, summaryFile, writeJsonFile } from './run-folder';
import type { RunManifestBase, RunRecord } from './run-record';
import { writeFileAtomic } from './write-file-atomic';

/** The manifest of scored prediction files. */
export interface ScoreRunManifest extends RunManifestBase {
  readonly kind: 'score';
  readonly mode: 'predictions';
  /** Where the predictions came from: files with their SHA-256, or a published name. */
  readonly predictions: {
    readonly published?: string;
    readonly files?: readonly { path: string; sha256: string }[];
  };
  readonly packages: Readonly<Record<string, string>>;
}

/** Writes scored prediction files as a run folder that `kensa report` and `kensa compare` read like a model run. */
export async function writeScoreRun(
  directory: string,
  manifest: ScoreRunManifest,
  records: readonly RunRecord[],
  summary: unknown,
): Promise<void> {
  await writeJsonFile(path.join(directory, manifestFile), manifest);
  const lines = records.map((record) => `${JSON.stringify(record)}\n`).join('');
  await writeFileAtomic(path.join(directory, logFile), Buffer.from(lines));
  await writeJsonFile(path.join(directory, summaryFile), summary);
}
