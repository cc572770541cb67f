import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceFile } from '@kensa/core';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The read-only `shared/` folder beside the repository (or `KENSA_SHARED_DIR`). */
export const sharedDir = process.env.KENSA_SHARED_DIR ?? resolve(repoRoot, '../shared');

/** The local mirror of upstream sources, laid out as `<source>/<upstream path>`. */
export const sharedDataDir = join(sharedDir, 'data');

/** Reads the given sources from the shared mirror, the way the runner does with `--data-dir`. */
export function readSharedSources(sources: readonly SourceFile[]): Map<string, string> {
  return new Map(sources.map((file) => [file.path, readFileSync(join(sharedDataDir, file.source, file.path), 'utf8')]));
}
