import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceFile } from '@kensa/core';

/**
 * Reads each source from `<directory>/<path>`: test fixtures laid out like the upstream repository, or one
 * source's folder of a `--data-dir` mirror (`<dataDir>/<source>`). The result is what `parse` takes.
 */
export function readSourceFiles(
  directory: string | URL,
  sources: readonly Pick<SourceFile, 'path'>[],
): Map<string, string> {
  const root = typeof directory === 'string' ? directory : fileURLToPath(directory);
  return new Map(sources.map((file) => [file.path, readFileSync(path.join(root, file.path), 'utf8')]));
}
