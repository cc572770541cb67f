import { createHash } from 'node:crypto';

/** Lowercase hex SHA-256 of some bytes, the form `SourceFile.sha256` uses. */
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
