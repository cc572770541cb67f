import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceFile } from '@kensa/core';
import { defaultCacheDir } from './cache-dir';
import { type DownloadOptions, downloadFile } from './download-file';
import { sha256Mismatch } from './sha256';
import { SourceError } from './source-error';

/** Where a resolved file's bytes came from. */
export type SourceOrigin = 'data-dir' | 'cache' | 'download';

/** Progress of `resolveSources`, for a progress bar or a log. */
export type SourceProgressEvent =
  | { readonly type: 'download'; readonly file: SourceFile }
  | {
      readonly type: 'retry';
      readonly file: SourceFile;
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    }
  /** A cached copy failed verification and is downloaded again. */
  | { readonly type: 'stale-cache'; readonly file: SourceFile; readonly cachePath: string }
  | {
      readonly type: 'resolved';
      readonly file: SourceFile;
      readonly origin: SourceOrigin;
      /** Files resolved so far, this one included, out of `total` distinct paths. */
      readonly completed: number;
      readonly total: number;
    };

export interface ResolveSourcesOptions extends DownloadOptions {
  /** A local mirror, `<dataDir>/<source>/<path>`; when set, files are read from it only, never downloaded. */
  dataDir?: string;
  /** Downloads are kept under `<cacheDir>/sources/<source>/<revision>/<path>`. Default: `defaultCacheDir()`. */
  cacheDir?: string;
  /** Files resolved at once. Default 8. */
  concurrency?: number;
  onProgress?: (event: SourceProgressEvent) => void;
}

interface ReadResult {
  data: Buffer;
  origin: SourceOrigin;
  /** Where the bytes are on disk, for error messages. */
  location: string;
}

/**
 * Resolves every file to its UTF-8 text (base64 for `encoding: 'base64'`, e.g. images), keyed by `SourceFile.path` in the order of `files` (a path listed twice
 * is resolved once). With `dataDir` the files are read from that mirror only; otherwise each comes from the cache,
 * or is downloaded, verified and cached. Text is returned exactly as stored (a BOM is kept).
 *
 * The first failure rejects with a `SourceError` once the files already in progress have settled; files resolved
 * until then stay in the cache, so a second run only fetches what is left.
 */
export async function resolveSources(
  files: readonly SourceFile[],
  options: ResolveSourcesOptions = {},
): Promise<Map<string, string>> {
  const { dataDir, cacheDir, concurrency = 8, onProgress, ...downloadOptions } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a whole number >= 1, got ${concurrency}`);
  }
  const unique = uniqueFiles(files);
  const resolveOne = (file: SourceFile): Promise<ReadResult> =>
    dataDir === undefined
      ? readThroughCache(file, cacheDir ?? defaultCacheDir(), downloadOptions, onProgress)
      : readFromDataDir(file, dataDir);

  const texts: string[] = [];
  let next = 0;
  let completed = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < unique.length) {
      const index = next++;
      const file = unique[index] as SourceFile;
      try {
        const result = await resolveOne(file);
        texts[index] = file.encoding === 'base64' ? result.data.toString('base64') : decodeUtf8(file, result);
        completed++;
        onProgress?.({ type: 'resolved', file, origin: result.origin, completed, total: unique.length });
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, unique.length) }, worker));
  if (failure !== undefined) {
    throw failure.error;
  }
  return new Map(unique.map((file, index) => [file.path, texts[index] as string]));
}

function uniqueFiles(files: readonly SourceFile[]): SourceFile[] {
  const byPath = new Map<string, SourceFile>();
  for (const file of files) {
    checkSafe(file);
    const seen = byPath.get(file.path);
    if (seen === undefined) {
      byPath.set(file.path, file);
      continue;
    }
    const checksumsDiffer =
      seen.sha256 !== undefined &&
      file.sha256 !== undefined &&
      seen.sha256.toLowerCase() !== file.sha256.toLowerCase();
    if (
      seen.source !== file.source ||
      seen.revision !== file.revision ||
      seen.url !== file.url ||
      checksumsDiffer
    ) {
      throw new SourceError({
        source: file.source,
        path: file.path,
        url: file.url,
        reason: 'invalid',
        message:
          `Source path '${file.path}' is listed twice with different descriptions (${describe(seen)} and ` +
          `${describe(file)}); resolved files are keyed by path, so each path must name one file.`,
      });
    }
    if (seen.sha256 === undefined && file.sha256 !== undefined) {
      byPath.set(file.path, file);
    }
  }
  return [...byPath.values()];
}

function describe(file: SourceFile): string {
  return `${file.source}@${file.revision} ${file.url}${file.sha256 === undefined ? '' : ` sha256 ${file.sha256}`}`;
}

/** `source`, `revision` and `path` become folders on disk, so none of them may climb out of their root. */
function checkSafe(file: SourceFile): void {
  const isSegment = (value: string) =>
    value !== '' && value !== '.' && value !== '..' && !/[/\\\0]/.test(value) && !/^[A-Za-z]:/.test(value);
  const problem = !isSegment(file.source)
    ? `source name '${file.source}'`
    : !isSegment(file.revision)
      ? `revision '${file.revision}'`
      : !file.path.split('/').every(isSegment)
        ? `path '${file.path}'`
        : undefined;
  if (problem !== undefined) {
    throw new SourceError({
      source: file.source,
      path: file.path,
      url: file.url,
      reason: 'invalid',
      message:
        `Source file ${file.source}:'${file.path}' has an unusable ${problem}: it must be a relative path of ` +
        `plain names separated by '/', without '.', '..' or backslashes. Fix the benchmark's source list.`,
    });
  }
}

function segments(file: SourceFile): string[] {
  return file.path.split('/');
}

async function readFromDataDir(file: SourceFile, dataDir: string): Promise<ReadResult> {
  const location = path.resolve(dataDir, file.source, ...segments(file));
  let data: Buffer;
  try {
    data = await readFile(location);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new SourceError({
        source: file.source,
        path: file.path,
        url: file.url,
        reason: 'missing',
        message:
          `${file.source} file '${file.path}' is not in the data directory: expected ${location}. Put the ` +
          `upstream file there (${file.url}), or run without --data-dir to download it.`,
        cause: error,
      });
    }
    throw readError(file, location, error, 'Check the permissions of the data directory.');
  }
  const actual = sha256Mismatch(file.sha256, data);
  if (actual !== undefined) {
    throw new SourceError({
      source: file.source,
      path: file.path,
      url: file.url,
      reason: 'checksum',
      message:
        `${location} does not match the pinned checksum of ${file.source} file '${file.path}': expected ` +
        `sha256 ${file.sha256}, got ${actual}. The mirror copy was edited or comes from another revision; ` +
        `replace it with ${file.url}.`,
    });
  }
  return { data, origin: 'data-dir', location };
}

async function readThroughCache(
  file: SourceFile,
  cacheDir: string,
  downloadOptions: DownloadOptions,
  onProgress: ResolveSourcesOptions['onProgress'],
): Promise<ReadResult> {
  const cachePath = path.resolve(cacheDir, 'sources', file.source, file.revision, ...segments(file));
  let cached: Buffer | undefined;
  try {
    cached = await readFile(cachePath);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') {
      throw readError(file, cachePath, error, 'Delete it, or set KENSA_CACHE_DIR to another folder.');
    }
  }
  if (cached !== undefined) {
    if (sha256Mismatch(file.sha256, cached) === undefined) {
      return { data: cached, origin: 'cache', location: cachePath };
    }
    onProgress?.({ type: 'stale-cache', file, cachePath });
  }
  onProgress?.({ type: 'download', file });
  const data = await downloadFile(file, cachePath, {
    ...downloadOptions,
    onRetry: (event) => onProgress?.({ type: 'retry', file, ...event }),
  });
  return { data, origin: 'download', location: cachePath };
}

function readError(file: SourceFile, location: string, error: unknown, hint: string): SourceError {
  const detail = error instanceof Error ? error.message : String(error);
  return new SourceError({
    source: file.source,
    path: file.path,
    url: file.url,
    reason: 'io',
    message: `Could not read ${location} (${file.source} file '${file.path}'): ${detail}. ${hint}`,
    cause: error,
  });
}

function decodeUtf8(file: SourceFile, result: ReadResult): string {
  try {
    // ignoreBOM keeps a leading BOM in the text: callers decide what to strip.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(result.data);
  } catch (error) {
    throw new SourceError({
      source: file.source,
      path: file.path,
      url: file.url,
      reason: 'decode',
      message:
        `${file.source} file '${file.path}' (${result.location}) is not valid UTF-8 text. Check that the ` +
        `benchmark points at the right file.`,
      cause: error,
    });
  }
}
