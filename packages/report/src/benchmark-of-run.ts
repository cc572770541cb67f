import type { Benchmark, Registry } from '@kensa/core';
import type { AnyRunManifest } from './load-run';
import { ReportInputError } from './report-error';

/** The benchmark a run folder was made with: its registry entry, built again with the `-T` options it recorded. */
export function benchmarkOfRun(registry: Registry, manifest: AnyRunManifest, directory: string): Benchmark {
  const recorded = manifest.benchmarkOptions;
  if (recorded !== undefined && registry.has(recorded.from)) {
    const base = registry.get(recorded.from);
    if (base.options !== undefined) return base.options.create(recorded.values);
  }
  if (!registry.has(manifest.benchmark)) {
    throw new ReportInputError(
      `Run folder ${directory} holds a run of '${manifest.benchmark}', which this CLI does not know (see 'kensa list'; a third-party benchmark needs --plugin).`,
    );
  }
  return registry.get(manifest.benchmark);
}
