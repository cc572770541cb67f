/**
 * One upstream file a benchmark needs. The plugin only declares it; the runner resolves it (a local mirror given
 * with `--data-dir`, the download cache, or a download verified against `sha256`).
 */
export interface SourceFile {
  /** The source's short name; a local mirror keeps the file at `<dataDir>/<source>/<path>`. */
  readonly source: string;
  /** Where the file lives upstream, for people: `github:jungokasai/IgakuQA`, `huggingface:openai/MMMLU`. */
  readonly repository: string;
  /** The pinned revision (commit hash or tag) the file is read at. */
  readonly revision: string;
  /** The file's path inside the repository. */
  readonly path: string;
  /** The download address of this exact revision of the file. */
  readonly url: string;
  /** Lowercase hex SHA-256 of the file's bytes, where known; a download that does not match is rejected. */
  readonly sha256?: string;
  /**
   * How the bytes become the text `parse` sees: `utf-8` (default) or `base64` for binary files such as images.
   */
  readonly encoding?: 'utf-8' | 'base64';
}

/** Resolved source contents, keyed by `SourceFile.path`. */
export type SourceContents = ReadonlyMap<string, string>;

/** Reads one resolved file or fails naming it; plugins use this in `parse`. */
export function readSource(contents: SourceContents, path: string): string {
  const text = contents.get(path);
  if (text === undefined) {
    throw new Error(`Source file '${path}' was not resolved; the benchmark must list it in its sources.`);
  }
  return text;
}
