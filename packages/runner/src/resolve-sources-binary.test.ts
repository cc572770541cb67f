import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceFile } from '@kensa/core';
import { temporaryDir } from '@kensa/test-support';
import { describe, expect, it } from 'vitest';
import { resolveSources } from './resolve-sources';

// Bytes that are not UTF-8 (a PNG signature starts with 0x89), as an image file is.
const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0xfe]);

function image(sha256: string, encoding?: 'base64'): SourceFile {
  return {
    source: 'pictures',
    repository: 'github:kensa/pictures',
    revision: '0123456789abcdef0123456789abcdef01234567',
    path: 'images/1.png',
    url: 'https://example.invalid/0123456789abcdef0123456789abcdef01234567/images/1.png',
    sha256,
    ...(encoding === undefined ? {} : { encoding }),
  };
}

describe('resolveSources with binary files', () => {
  it('returns a base64 file as base64 text, verified against its checksum', async () => {
    const dataDir = await temporaryDir();
    await mkdir(path.join(dataDir, 'pictures', 'images'), { recursive: true });
    await writeFile(path.join(dataDir, 'pictures', 'images', '1.png'), bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const resolved = await resolveSources([image(sha256, 'base64')], { dataDir });
    expect(resolved.get('images/1.png')).toBe(bytes.toString('base64'));
    await expect(resolveSources([image('0'.repeat(64), 'base64')], { dataDir })).rejects.toThrow(
      /does not match the pinned checksum/,
    );
    // Read as text, the same bytes are refused rather than mangled.
    await expect(resolveSources([image(sha256)], { dataDir })).rejects.toThrow(/UTF-8/);
  });
});
