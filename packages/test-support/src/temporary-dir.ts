import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A new empty folder under the system's temporary directory, named after the test that asked for it. */
export function temporaryDir(prefix = 'kensa-test'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `${prefix}-`));
}
