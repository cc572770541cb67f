import {
  defaultResponseCachePath,
  disabledResponseCache,
  type Model,
  openFailSoftCache,
  type ResponseCache,
  type ResponseCacheOptions,
} from '@kensa/runner';
import type { Io } from './io';

/**
 * The response cache a command asks through: none with `--no-cache` (`cache: false`) or for a model whose replies
 * are computed (a baseline), else the shared one, which warns once on stderr and goes on without if it fails.
 */
export function openCommandCache(
  cache: boolean | undefined,
  model: Model,
  io: Io,
  options: ResponseCacheOptions = {},
): ResponseCache {
  if (cache === false || !model.cacheable) return disabledResponseCache();
  return openFailSoftCache(
    defaultResponseCachePath(io.env),
    (message) => io.stderr(`kensa: ${message}\n`),
    options,
  );
}
