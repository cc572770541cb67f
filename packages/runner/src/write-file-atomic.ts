import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Suffix of the temporary files `writeFileAtomic` creates beside their destination. */
export const temporaryFileSuffix = '.kensa-partial';

/**
 * Writes a file so that its final name only ever holds complete contents: the bytes go to a temporary file in
 * the same folder (same file system, so the rename is atomic), are flushed to disk, and the file is renamed.
 * A process killed midway leaves at most a stray temporary file, never a truncated file under `destination`.
 */
export async function writeFileAtomic(destination: string, data: Uint8Array): Promise<void> {
  const directory = path.dirname(destination);
  await mkdir(directory, { recursive: true });
  const temporary = path.join(
    directory,
    `.${path.basename(destination)}.${randomBytes(6).toString('hex')}${temporaryFileSuffix}`,
  );
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      // Without a flush, a crash after the rename can leave an empty file under the final name.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, destination);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
