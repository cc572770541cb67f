import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SourceFile } from '@kensa/core';
import { sharedDataDir } from './shared-dir';

/** Reads sources from the shared mirror exactly as `--data-dir` lays them out: `<source>/<upstream path>`. */
export function readSharedSources(sources: readonly SourceFile[]): Map<string, string> {
  return new Map(
    sources.map((file) => [
      file.path,
      readFileSync(path.join(sharedDataDir(), file.source, file.path), 'utf8'),
    ]),
  );
}
