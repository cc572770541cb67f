import { registry } from './benchmarks';
import type { Io } from './io';

/** `kensa list`: the benchmarks this CLI knows, with their version and published prediction files. */
export function listCommand(io: Io): number {
  for (const benchmark of registry.list()) {
    const published = benchmark.predictions?.published?.names.join(', ');
    io.stdout(`${benchmark.id}  ${benchmark.title} (benchmark version ${benchmark.version})\n`);
    if (published) io.stdout(`  published predictions: ${published}\n`);
  }
  return 0;
}
