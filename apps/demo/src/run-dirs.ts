import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { manifestFile } from '@kensa/runner';

/** Run folders inside a parent folder, up to `depth` levels down (`<out>/<mode>`, `<out>/<benchmark>/<mode>`). */
function runsInside(directory: string, depth: number): string[] {
  if (existsSync(path.join(directory, manifestFile))) return [directory];
  if (depth === 0) return [];
  let entries: string[];
  try {
    entries = readdirSync(directory, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
  return entries.flatMap((name) => runsInside(path.join(directory, name), depth - 1));
}

/**
 * Expands each folder given on the command line into the run folders it holds: a run folder stays as it is; the
 * parent folder of a multi-mode or multi-benchmark `kensa eval --out` becomes its runs, in name order. A folder
 * that holds no run is kept, so that reading it fails with the usual message.
 */
export function expandRunDirs(directories: readonly string[], cwd: string): string[] {
  return directories.flatMap((directory) => {
    const found = runsInside(path.resolve(cwd, directory), 2);
    return found.length === 0 ? [directory] : found.map((run) => path.relative(cwd, run) || '.');
  });
}
