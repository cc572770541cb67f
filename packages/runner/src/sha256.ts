import { hash } from 'node:crypto';

/**
 * Lowercase hex SHA-256 of some bytes (a string is hashed as its UTF-8 bytes, without copying it into a buffer
 * first), the form `SourceFile.sha256` uses.
 */
export function sha256Hex(data: Uint8Array | string): string {
  // The one-shot `crypto.hash` (Node ≥ 20.12) costs less per call than `createHash`: every request is hashed.
  return hash('sha256', data, 'hex');
}

/**
 * Checks bytes against a pinned checksum: undefined when they match (or nothing is pinned), else the bytes'
 * actual SHA-256, for the error message.
 */
export function sha256Mismatch(expected: string | undefined, data: Uint8Array): string | undefined {
  if (expected === undefined) return undefined;
  const actual = sha256Hex(data);
  return actual === expected.toLowerCase() ? undefined : actual;
}
