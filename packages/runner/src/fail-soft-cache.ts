import {
  disabledResponseCache,
  openResponseCache,
  type ResponseCache,
  ResponseCacheError,
  type ResponseCacheOptions,
} from './response-cache';

/**
 * A response cache that a run survives: when the cache cannot be read or written (a read-only file, a full
 * disk), `warn` is told once and the run goes on without it, rather than failing or retrying every item.
 * A cache that is damaged or from a newer Kensa still fails to open, since deleting it is the user's call.
 */
export function failSoftCache(cache: ResponseCache, warn: (message: string) => void): ResponseCache {
  let broken = false;
  const giveUp = (error: unknown) => {
    if (!broken) {
      broken = true;
      const message = error instanceof Error ? error.message : String(error);
      warn(`${message} Going on without the response cache.`);
    }
  };
  return {
    get(key) {
      if (broken) return undefined;
      try {
        return cache.get(key);
      } catch (error) {
        giveUp(error);
        return undefined;
      }
    },
    put(key, entry) {
      if (broken) return;
      try {
        cache.put(key, entry);
      } catch (error) {
        giveUp(error);
      }
    },
    size() {
      if (broken) return 0;
      try {
        return cache.size();
      } catch (error) {
        giveUp(error);
        return 0;
      }
    },
    close() {
      try {
        cache.close();
      } catch (error) {
        // A batched write that failed on the way out: the run is complete, only those replies went uncached.
        if (!broken)
          warn(`${error instanceof Error ? error.message : String(error)} The last replies were not cached.`);
        broken = true;
      }
    },
  };
}

/** Opens the cache at `file`; when it cannot be created or opened for lack of access, warns and runs without. */
export function openFailSoftCache(
  file: string,
  warn: (message: string) => void,
  options: ResponseCacheOptions = {},
): ResponseCache {
  try {
    return failSoftCache(openResponseCache(file, options), warn);
  } catch (error) {
    // 'io': the file cannot be created or opened; 'unavailable': this Node has no SQLite driver (Node 20 without
    // the optional better-sqlite3).
    if (!ResponseCacheError.isInstance(error) || (error.reason !== 'io' && error.reason !== 'unavailable'))
      throw error;
    warn(`${error.message} Going on without the response cache.`);
    return disabledResponseCache();
  }
}
