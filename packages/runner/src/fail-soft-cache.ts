import {
  disabledResponseCache,
  openResponseCache,
  type ResponseCache,
  ResponseCacheError,
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
    size: () => (broken ? 0 : cache.size()),
    close() {
      try {
        cache.close();
      } catch {
        // Nothing left to save.
      }
    },
  };
}

/** Opens the cache at `file`; when it cannot be created or opened for lack of access, warns and runs without. */
export function openFailSoftCache(file: string, warn: (message: string) => void): ResponseCache {
  try {
    return failSoftCache(openResponseCache(file), warn);
  } catch (error) {
    // 'io': the file cannot be created or opened; 'unavailable': this Node has no SQLite driver (Node 20 without
    // the optional better-sqlite3).
    if (!ResponseCacheError.isInstance(error) || (error.reason !== 'io' && error.reason !== 'unavailable'))
      throw error;
    warn(`${error.message} Going on without the response cache.`);
    return disabledResponseCache();
  }
}
