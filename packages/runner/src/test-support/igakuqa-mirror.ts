import path from 'node:path';
import type { SourceFile } from '@kensa/core';
import { readSha256Sums, sharedDataDir } from '@kensa/test-support';

export const igakuqaRevision = '2bc4c3d159cf5505f6253d24a909fbd53237e239';

/** The IgakuQA mirror in the shared folder; its layout is the upstream repository's. */
export function igakuqaMirrorDir(): string {
  return path.join(sharedDataDir(), 'igakuqa');
}

/** The real checksums of the mirrored files, read at test time. */
export function igakuqaChecksums(): Map<string, string> {
  return readSha256Sums(path.join(igakuqaMirrorDir(), 'SHA256SUMS'));
}

/** A `SourceFile` for an IgakuQA path, served from `baseUrl` (a `serveDirectory` of the mirror). */
export function igakuqaFile(
  filePath: string,
  baseUrl: string,
  sha256: string | undefined = igakuqaChecksums().get(filePath),
): SourceFile {
  if (sha256 === undefined) {
    throw new Error(`${filePath} is not listed in the IgakuQA mirror's SHA256SUMS.`);
  }
  return {
    source: 'igakuqa',
    repository: 'github:jungokasai/IgakuQA',
    revision: igakuqaRevision,
    path: filePath,
    url: `${baseUrl}/${filePath}`,
    sha256,
  };
}
