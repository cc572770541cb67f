import { createRequire } from 'node:module';

/**
 * The version recorded in run manifests: the core package's, which every number depends on. Read from core's
 * package.json (its `VERSION` constant is kept equal to it), so that `kensa --help` need not load core.
 */
export const KENSA_VERSION: string = (
  createRequire(import.meta.url)('@kensa/core/package.json') as { version: string }
).version;
