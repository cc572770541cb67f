import { existsSync } from 'node:fs';
import type { SourceFile } from '@kensa/core';
import { defaultCacheDir } from './cache-dir';
import { resolveSources } from './resolve-sources';
import type { RunSources } from './run-sources';

export interface SourceOptions {
  /** A local mirror of upstream paths (`--data-dir`, or `KENSA_DATA_DIR`). */
  readonly dataDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (message: string) => void;
}

/**
 * Resolves source files the way every command does: `--data-dir` / `KENSA_DATA_DIR` reads a local mirror;
 * otherwise files come from the cache or are downloaded. `KENSA_SOURCE_MIRROR` points downloads at another
 * server laid out like a data dir (`<mirror>/<source>/<upstream path>`), e.g. an internal copy.
 */
export async function loadSources(
  files: readonly SourceFile[],
  options: SourceOptions,
): Promise<Map<string, string>> {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? env.KENSA_DATA_DIR;
  const mirror = env.KENSA_SOURCE_MIRROR?.replace(/\/+$/, '');
  const located = mirror
    ? files.map((file) => ({ ...file, url: `${mirror}/${file.source}/${file.path}` }))
    : files;
  if (dataDir === undefined) {
    options.log?.(`Resolving ${located.length} source files (cache: ${defaultCacheDir(env)})…`);
  }
  return resolveSources(located, {
    ...(dataDir === undefined ? {} : { dataDir }),
    cacheDir: defaultCacheDir(env),
  });
}

/** The local mirror a run recorded (`--data-dir` at the time), if it is still there. */
export function recordedDataDir(recorded: RunSources | undefined): string | undefined {
  const dataDir = recorded?.dataDir;
  return dataDir !== undefined && existsSync(dataDir) ? dataDir : undefined;
}
