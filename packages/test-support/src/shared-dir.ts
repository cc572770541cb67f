import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above `start` (this file) whose package.json declares workspaces. */
export function repoRoot(start: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let directory = start;
  for (;;) {
    const manifest = path.join(directory, 'package.json');
    if (existsSync(manifest) && 'workspaces' in JSON.parse(readFileSync(manifest, 'utf8'))) {
      return directory;
    }
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new Error('No package.json with "workspaces" above the test support folder.');
    }
    directory = parent;
  }
}

/**
 * The shared folder beside the repository (data mirrors, fixtures); `KENSA_SHARED_DIR` overrides it. It may be
 * missing (a clone of this repository alone): tests that need it are skipped (see `sharedDataExclude`).
 */
export function sharedDir(root: string = repoRoot()): string {
  return process.env.KENSA_SHARED_DIR ?? path.resolve(root, '../shared');
}

/** The `--data-dir` mirror in the shared folder: `<dataDir>/<source>/<upstream path>`. */
export function sharedDataDir(): string {
  return path.join(sharedDir(), 'data');
}

/** Reads a `sha256sum` listing (`<hex>  <path>` per line) into path → hex. */
export function readSha256Sums(file: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) {
      sums.set(match[2], match[1]);
    }
  }
  return sums;
}
