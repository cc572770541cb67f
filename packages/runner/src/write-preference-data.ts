import path from 'node:path';
import { writeFileAtomic } from './write-file-atomic';

/**
 * The provenance file written beside a preference dataset: `pairs.jsonl` → `pairs.provenance.json` (any other name
 * gets `.provenance.json` appended).
 */
export function preferenceSidecarPath(out: string): string {
  const extension = path.extname(out);
  const base = extension === '.jsonl' || extension === '.json' ? out.slice(0, -extension.length) : out;
  return `${base}.provenance.json`;
}

export interface WritePreferenceDataOptions {
  /** The JSON Lines dataset. */
  readonly out: string;
  /** Its contents, one TRL row a line. */
  readonly jsonl: string;
  /** The provenance document. */
  readonly sidecar: unknown;
  /** Where to write it; `preferenceSidecarPath(out)` by default. */
  readonly sidecarPath?: string;
}

/**
 * Writes a preference dataset and its provenance, each atomically (a reader never sees half a file). The sidecar
 * is written first, so a dataset on disk always has its provenance beside it. Both are byte-for-byte functions of
 * their contents: no clock, no host name.
 */
export async function writePreferenceData(
  options: WritePreferenceDataOptions,
): Promise<{ readonly out: string; readonly sidecar: string }> {
  const sidecar = options.sidecarPath ?? preferenceSidecarPath(options.out);
  if (path.resolve(sidecar) === path.resolve(options.out)) {
    throw new Error(`The dataset and its provenance would both be written to ${options.out}.`);
  }
  await writeFileAtomic(sidecar, Buffer.from(`${JSON.stringify(options.sidecar, null, 2)}\n`));
  await writeFileAtomic(options.out, Buffer.from(options.jsonl));
  return { out: options.out, sidecar };
}
