// `npm run bench`: whole-process measurements of the built CLI, section by section (see bench/sections/), then
// every section's targets. A section is a module whose default export is `{ id, run(context) }`: it prints its
// own table and returns its checks as `{ text, ok, moonshot? }`; add one to `sections` below to plug it in.
// Options: --rounds N (default 3), --only ID[,ID]. Exit code 1 when a target (not a moonshot) is missed.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './harness.mjs';
import likelihood from './sections/likelihood.mjs';
import wholeCli from './sections/whole-cli.mjs';

const sections = [wholeCli, likelihood];

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, only: { type: 'string' } },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds must be a whole number ≥ 1, not ${values.rounds}`);
const only = values.only?.split(',');
const context = {
  dataDir: process.env.KENSA_DATA_DIR ?? path.resolve(root, '../shared/data'),
  rounds,
};

const checks = [];
for (const section of sections) {
  if (only !== undefined && !only.includes(section.id)) continue;
  console.log(`\n## ${section.id}\n`);
  checks.push(...(await section.run(context)));
}
console.log('\n## targets\n');
for (const check of checks) console.log(`${check.ok ? 'OK  ' : 'MISS'} ${check.text}`);
process.exitCode = checks.every((check) => check.ok || check.moonshot) ? 0 : 1;
