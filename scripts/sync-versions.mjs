// After `changeset version` bumps package.json versions, writes each published package's version into the
// `export const VERSION = '…'` of its src/index.ts, so the constant users read never drifts from the package.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const folder of readdirSync(path.join(root, 'packages'))) {
  const directory = path.join(root, 'packages', folder);
  const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  const index = path.join(directory, 'src', 'index.ts');
  const text = readFileSync(index, 'utf8');
  const updated = text.replace(
    /export const VERSION = '[^']*';/,
    `export const VERSION = '${manifest.version}';`,
  );
  if (updated !== text) {
    writeFileSync(index, updated);
    console.log(`${manifest.name}: VERSION = ${manifest.version}`);
  }
}
