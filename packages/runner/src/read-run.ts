import { existsSync } from 'node:fs';
import path from 'node:path';
import { logFile, manifestFile, RunFolderError, RunLog, readJsonFile, summaryFile } from './run-folder';
import type { RunManifestBase, RunRecord } from './run-record';

/** A run folder as read back: its manifest, the latest record of every item and sample, and its summary. */
export interface RunFolder<Manifest extends RunManifestBase = RunManifestBase> {
  readonly directory: string;
  readonly manifest: Manifest;
  readonly records: readonly RunRecord[];
  readonly summary: unknown;
}

/**
 * Reads a run folder written by `kensa eval` or `kensa score --out`. A record logged again (an item retried on
 * resume) replaces the earlier one.
 */
export function readRun<Manifest extends RunManifestBase = RunManifestBase>(
  directory: string,
): RunFolder<Manifest> {
  const manifest = readJsonFile<Manifest>(path.join(directory, manifestFile));
  if (manifest === undefined) {
    throw new RunFolderError(
      directory,
      `no ${manifestFile}: not a Kensa run folder (written by 'kensa eval' or 'kensa score --out').`,
    );
  }
  const logPath = path.join(directory, logFile);
  if (!existsSync(logPath)) throw new RunFolderError(directory, `no ${logFile}: the run wrote no answers.`);
  const log = RunLog.open<RunRecord>(logPath);
  log.close();
  const latest = new Map<string, RunRecord>();
  for (const record of log.records) latest.set(`${record.itemId}#${record.sample}`, record);
  return {
    directory,
    manifest,
    records: [...latest.values()],
    summary: readJsonFile(path.join(directory, summaryFile)),
  };
}
