import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Benchmark, createRegistry, type Registry } from '@kensa/core';
import { registry as builtins } from './benchmarks';
import { UsageError } from './usage-error';

function isBenchmark(value: unknown): value is Benchmark {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Benchmark).specificationVersion === 'v1' &&
    typeof (value as Benchmark).id === 'string'
  );
}

/** The first line of a plugin's error: its fault, not Kensa's, so no stack trace. */
function describeFailure(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split('\n')[0] ?? text;
}

/** Where a `--plugin` value points: a path (`./my-bench`, `/abs/dist/index.js`) or a package name. */
function resolvePlugin(spec: string, cwd: string): string {
  const isPath = spec.startsWith('.') || path.isAbsolute(spec);
  try {
    const require = createRequire(path.join(cwd, 'package.json'));
    return require.resolve(isPath ? path.resolve(cwd, spec) : spec);
  } catch (error) {
    throw new UsageError(
      `Cannot find plugin '${spec}' from ${cwd}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

/**
 * Loads a third-party benchmark: the module's default export, or its `benchmark` export, is a benchmark object
 * (contract v1) or a factory that returns one when called with no options.
 */
export async function loadPlugin(spec: string, cwd: string): Promise<Benchmark> {
  const file = resolvePlugin(spec, cwd);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`Plugin '${spec}' (${file}) failed to load: ${describeFailure(error)}`);
  }
  for (const candidate of [module.default, module.benchmark]) {
    let value: unknown;
    try {
      value = typeof candidate === 'function' ? (candidate as () => unknown)() : candidate;
    } catch (error) {
      throw new UsageError(`Plugin '${spec}' (${file}): its factory threw: ${describeFailure(error)}`);
    }
    if (isBenchmark(value)) return value;
  }
  throw new UsageError(
    `Plugin '${spec}' (${file}) exports no benchmark: export default (or export const benchmark) a defineBenchmark(…) object or a factory returning one.`,
  );
}

/** The built-in benchmarks plus any loaded with `--plugin`. */
export async function loadRegistry(plugins: readonly string[] | undefined, cwd: string): Promise<Registry> {
  if (plugins === undefined || plugins.length === 0) return builtins;
  const loaded = await Promise.all(plugins.map((spec) => loadPlugin(spec, cwd)));
  return createRegistry([...builtins.list(), ...loaded]);
}
