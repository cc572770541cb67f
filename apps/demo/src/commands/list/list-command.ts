import type { Io } from '../../io';
import { loadRegistry } from '../../plugin-loader';

/** `kensa list`: the benchmarks this CLI knows, with their version and published prediction files. */
export async function listCommand(io: Io, plugins?: readonly string[]): Promise<number> {
  const registry = await loadRegistry(plugins, io.cwd);
  for (const benchmark of registry.list()) {
    const published = benchmark.predictions?.published?.names.join(', ');
    io.stdout(`${benchmark.id}  ${benchmark.title} (benchmark version ${benchmark.version})\n`);
    if (published) io.stdout(`  published predictions: ${published}\n`);
  }
  return 0;
}
