import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { type Prediction, PredictionError, type PredictionFormat } from '@kensa/core';

async function jsonlFilesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.jsonl'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Expands `--predictions` arguments (files, or directories searched for `*.jsonl`) into files. */
export async function expandPredictionPaths(paths: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (info === undefined)
      throw new PredictionError({ message: `Prediction file or directory not found: ${path}` });
    if (info.isDirectory()) {
      const found = await jsonlFilesUnder(absolute);
      if (found.length === 0)
        throw new PredictionError({ message: `No *.jsonl prediction files under ${path}` });
      files.push(...found);
    } else {
      files.push(absolute);
    }
  }
  return [...new Set(files)];
}

/** Reads and parses prediction files; errors name each file relative to the working directory. */
export async function readPredictionFiles(
  files: readonly string[],
  format: PredictionFormat,
  cwd: string,
): Promise<Prediction[]> {
  const predictions: Prediction[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const name = relative(cwd, file) || file;
    const parsed = format.parse(text, name);
    if (parsed.length === 0) {
      throw new PredictionError({
        message: `${name} holds no predictions (one JSON object a line, e.g. {"problem_id": "112A1", "prediction": "a"}).`,
      });
    }
    predictions.push(...parsed);
  }
  return predictions;
}
