import { homedir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCacheDir } from './cache-dir';

describe('defaultCacheDir', () => {
  it('uses KENSA_CACHE_DIR first', () => {
    expect(defaultCacheDir({ KENSA_CACHE_DIR: '/var/cache/k', XDG_CACHE_HOME: '/xdg' })).toBe('/var/cache/k');
  });

  it('resolves a relative KENSA_CACHE_DIR against the working directory', () => {
    expect(defaultCacheDir({ KENSA_CACHE_DIR: 'cache' })).toBe(path.resolve('cache'));
  });

  it('uses $XDG_CACHE_HOME/kensa when KENSA_CACHE_DIR is unset', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' })).toBe(path.join('/xdg', 'kensa'));
  });

  it('ignores empty and relative XDG_CACHE_HOME values', () => {
    const fallback = path.join(homedir(), '.cache', 'kensa');
    expect(defaultCacheDir({ KENSA_CACHE_DIR: '', XDG_CACHE_HOME: '' })).toBe(fallback);
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'relative/cache' })).toBe(fallback);
  });

  it('falls back to ~/.cache/kensa', () => {
    expect(defaultCacheDir({})).toBe(path.join(homedir(), '.cache', 'kensa'));
  });
});
