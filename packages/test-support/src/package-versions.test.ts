import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './shared-dir';

const packagesDir = path.join(repoRoot(), 'packages');
const published = readdirSync(packagesDir)
  .map((folder) => path.join(packagesDir, folder))
  .map((directory) => ({
    directory,
    manifest: JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')),
  }))
  .filter(({ manifest }) => !manifest.private);

describe('published packages', () => {
  it.each(published.map(({ directory, manifest }) => [manifest.name, directory, manifest.version]))(
    '%s exports the VERSION of its package.json (npm run version-packages keeps them in step)',
    (_name, directory, version) => {
      const index = readFileSync(path.join(directory as string, 'src', 'index.ts'), 'utf8');
      expect(index).toContain(`export const VERSION = '${version}';`);
    },
  );
});
