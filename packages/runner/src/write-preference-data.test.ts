import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preferenceSidecarPath, writePreferenceData } from './write-preference-data';

describe('writePreferenceData', () => {
  it('names the provenance file after the dataset', () => {
    expect(preferenceSidecarPath('out/pairs.jsonl')).toBe('out/pairs.provenance.json');
    expect(preferenceSidecarPath('out/pairs.json')).toBe('out/pairs.provenance.json');
    expect(preferenceSidecarPath('out/pairs')).toBe('out/pairs.provenance.json');
  });

  it('writes the dataset and its provenance, leaving no temporary file', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'kensa-pref-'));
    const out = path.join(directory, 'data', 'pairs.jsonl');
    const written = await writePreferenceData({ out, jsonl: '{"prompt":"p"}\n', sidecar: { pairs: 1 } });
    expect(written.sidecar).toBe(path.join(directory, 'data', 'pairs.provenance.json'));
    expect(await readFile(out, 'utf8')).toBe('{"prompt":"p"}\n');
    expect(JSON.parse(await readFile(written.sidecar, 'utf8'))).toEqual({ pairs: 1 });
    expect((await readdir(path.join(directory, 'data'))).sort()).toEqual([
      'pairs.jsonl',
      'pairs.provenance.json',
    ]);
    await expect(writePreferenceData({ out, jsonl: '', sidecar: {}, sidecarPath: out })).rejects.toThrow(
      /would both be written/,
    );
  });
});
