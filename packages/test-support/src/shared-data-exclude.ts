import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, sharedDir } from './shared-dir.ts';

/**
 * The marker a test file carries (in a comment) when it reads `../shared` (benchmark data, fixtures) from
 * its first line to its last. Without the shared folder such files are left out of the run, with one line saying
 * how to run them; a file that needs the data only in places uses `describeWithSharedData` instead.
 */
export const sharedDataMarker = '@needs-shared-data';

export const howToRunSharedDataTests =
  "they read the benchmark data in '../shared' (beside the repository): put it there or set KENSA_SHARED_DIR=<folder>, then run npm test again";

function testFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return testFiles(file);
    return entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

/**
 * For a package's `vitest.config.ts`: the test files (relative to the package) that carry the marker, when the
 * shared folder is missing; none when it is there. Prints one line per package when it leaves files out.
 */
export function sharedDataExclude(projectRoot: string): string[] {
  if (existsSync(sharedDir(repoRoot(projectRoot)))) return [];
  const marked = testFiles(path.join(projectRoot, 'src')).filter((file) =>
    readFileSync(file, 'utf8').includes(sharedDataMarker),
  );
  if (marked.length > 0) {
    console.warn(
      `${path.basename(projectRoot)}: skipping ${marked.length} test file(s) — ${howToRunSharedDataTests}.`,
    );
  }
  return marked.map((file) => path.relative(projectRoot, file));
}
