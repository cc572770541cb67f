import path from 'node:path';
import type { SourceFile } from '@kensa/core';
import { sha256Hex } from './sha256';

/** One source file a run read: where upstream, and the SHA-256 of the bytes it was given. */
export interface RunSourceFile {
  readonly source: string;
  readonly revision: string;
  readonly path: string;
  readonly sha256: string;
}

/**
 * Where a run's benchmark data came from, recorded in its manifest so later commands (`kensa report`,
 * `kensa compare`, `kensa rpo build`) read the same bytes without `--data-dir` or the network.
 */
export interface RunSources {
  /** The local mirror the files were read from (`--data-dir`, absolute); absent when they came from the cache. */
  readonly dataDir?: string;
  readonly files: readonly RunSourceFile[];
}

/** Describes resolved sources for a manifest; `contents` are the texts `resolveSources` returned. */
export function describeRunSources(
  files: readonly SourceFile[],
  contents: ReadonlyMap<string, string>,
  dataDir: string | undefined,
): RunSources {
  const seen = new Set<string>();
  const recorded: RunSourceFile[] = [];
  for (const file of files) {
    const text = contents.get(file.path);
    if (text === undefined || seen.has(file.path)) continue;
    seen.add(file.path);
    // resolveSources returns the stored bytes as text exactly (a BOM kept), so this is the file's SHA-256.
    recorded.push({
      source: file.source,
      revision: file.revision,
      path: file.path,
      sha256: sha256Hex(Buffer.from(text, 'utf8')),
    });
  }
  return { ...(dataDir === undefined ? {} : { dataDir: path.resolve(dataDir) }), files: recorded };
}

/**
 * The benchmark's files with the checksums a run recorded filled in, so that reading them again (from the
 * recorded mirror or the cache) fails loudly when the bytes have changed since the run.
 */
export function withRecordedChecksums(
  files: readonly SourceFile[],
  recorded: RunSources | undefined,
): SourceFile[] {
  if (recorded === undefined) return [...files];
  const byKey = new Map(
    recorded.files.map((file) => [`${file.source}\0${file.revision}\0${file.path}`, file]),
  );
  return files.map((file) => {
    const known = byKey.get(`${file.source}\0${file.revision}\0${file.path}`);
    return known === undefined || file.sha256 !== undefined ? file : { ...file, sha256: known.sha256 };
  });
}
