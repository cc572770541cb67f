import type { Io } from '../../io';
import { loadRegistry } from '../../plugin-loader';

/**
 * `kensa list`: the benchmarks this CLI knows, with their version, prompt modes, scoring methods, factory options
 * (`-T key=value`) and published prediction files.
 */
export async function listCommand(io: Io, plugins?: readonly string[]): Promise<number> {
  const registry = await loadRegistry(plugins, io.cwd);
  for (const benchmark of registry.list()) {
    const published = benchmark.predictions?.published?.names.join(', ');
    io.stdout(`${benchmark.id}  ${benchmark.title} (benchmark version ${benchmark.version})\n`);
    const [defaultMode] = benchmark.prompts;
    io.stdout('  prompt modes (--mode):\n');
    for (const mode of benchmark.prompts) {
      io.stdout(`    ${mode.id}${mode === defaultMode ? ' (default)' : ''}  ${mode.description}\n`);
    }
    io.stdout(`  scoring (--scoring): generate${benchmark.likelihood === undefined ? '' : ', likelihood'}\n`);
    const keys = benchmark.options?.keys ?? [];
    if (keys.length === 0) io.stdout('  options (-T key=value): none\n');
    else {
      io.stdout('  options (-T key=value):\n');
      for (const info of keys) io.stdout(`    ${info.key}  ${info.description}\n`);
    }
    if (published) io.stdout(`  published predictions (--published): ${published}\n`);
  }
  return 0;
}
