// Checks that every published package's typings resolve for its consumers (ESM, CommonJS, bundlers), with
// @arethetypeswrong/cli on the packed tarball — the files users actually install. Run after the build.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `@kensa/testing/vitest` is ESM-only on purpose (vitest cannot be required), so CommonJS cannot resolve it.
const ignoredRules = { '@kensa/testing': ['no-resolution'] };

let failed = 0;
for (const folder of readdirSync(path.join(root, 'packages'))) {
  const directory = path.join(root, 'packages', folder);
  const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  const ignore = ignoredRules[manifest.name] ?? [];
  const args = [
    'attw',
    '--pack',
    directory,
    '--format',
    'ascii',
    ...(ignore.length > 0 ? ['--ignore-rules', ...ignore] : []),
  ];
  try {
    execFileSync('npx', args, { cwd: root, stdio: 'pipe', encoding: 'utf8' });
    console.log(`types ok: ${manifest.name}`);
  } catch (error) {
    failed++;
    console.error(`types broken: ${manifest.name}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
