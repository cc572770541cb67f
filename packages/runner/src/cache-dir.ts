import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Where Kensa keeps downloaded sources (and, later, cached model replies): `KENSA_CACHE_DIR` if set, else
 * `$XDG_CACHE_HOME/kensa`, else `~/.cache/kensa`.
 */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const explicit = env.KENSA_CACHE_DIR;
  if (explicit) {
    return path.resolve(explicit);
  }
  const xdgCacheHome = env.XDG_CACHE_HOME;
  // The XDG spec says a relative value is invalid and must be ignored.
  if (xdgCacheHome && path.isAbsolute(xdgCacheHome)) {
    return path.join(xdgCacheHome, 'kensa');
  }
  return path.join(homedir(), '.cache', 'kensa');
}
