import type { SourceFile } from '@kensa/core';
import { upstreamSha256 } from './upstream-sha256';

export const repository = 'github:jungokasai/IgakuQA';
/** The commit the paper's data and predictions are read at. */
export const revision = '2bc4c3d159cf5505f6253d24a909fbd53237e239';

/** A file of the pinned upstream commit, with its download address and checksum. */
export function upstreamFile(path: string): SourceFile {
  return {
    source: 'igakuqa',
    repository,
    revision,
    path,
    url: `https://raw.githubusercontent.com/jungokasai/IgakuQA/${revision}/${path}`,
    ...(upstreamSha256[path] === undefined ? {} : { sha256: upstreamSha256[path] }),
  };
}
