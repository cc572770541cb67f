import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { type Benchmark, VERSION as CORE_VERSION, type Item, type SourceContents } from '@kensa/core';
import { writeFileAtomic } from './write-file-atomic';

/** Bump when the cache file layout changes, so old entries are simply never found again. */
const cacheFormat = 'kensa-parsed-items/1';

export interface ParsedItemsCacheOptions {
  /** The cache root; entries live under `<cacheDir>/items/<benchmark id>/`. Undefined: parse every time. */
  readonly cacheDir: string | undefined;
  /**
   * Anything else `parse` depends on that the benchmark object does not show, e.g. the options its factory was
   * called with (`-T key=value`): two instances of one plugin built with different options must not share items.
   */
  readonly variant?: string;
}

export interface ParsedItems {
  readonly items: Item[];
  readonly examples: Item[];
  /** Whether they came from the cache (no parsing, no validation) or were parsed just now. */
  readonly cached: boolean;
}

/**
 * What the parsed items depend on: the exact source bytes, the benchmark (id, version, and the text of its
 * `parse` and `examples` functions, so a plugin author's edit to a parser is a new entry even without a version
 * bump), the caller's `variant`, and core's version (the item schema).
 */
function cacheKey(benchmark: Benchmark, contents: SourceContents, variant: string): string {
  const hash = createHash('sha256');
  const field = (text: string) => hash.update(`${text.length}:${text}\n`);
  field(cacheFormat);
  field(CORE_VERSION);
  field(benchmark.id);
  field(benchmark.version);
  field(variant);
  field(String(benchmark.parse));
  field(String(benchmark.examples ?? ''));
  for (const [sourcePath, text] of [...contents].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    field(sourcePath);
    field(createHash('sha256').update(text).digest('hex'));
  }
  return hash.digest('hex');
}

function isParsedEntry(value: unknown): value is { items: Item[]; examples: Item[] } {
  const entry = value as { items?: unknown; examples?: unknown } | null;
  return (
    typeof entry === 'object' && entry !== null && Array.isArray(entry.items) && Array.isArray(entry.examples)
  );
}

/**
 * A benchmark's items and few-shot examples from resolved sources, parsed and validated once per content: the
 * result is kept in the cache under a key of the sources' SHA-256 and the benchmark's version and parser, so a
 * warm start reads it back instead of validating thousands of items again. Errors in parsing are never cached
 * (they throw as before); an unreadable entry is parsed again and replaced.
 */
export async function parseItemsCached(
  benchmark: Benchmark,
  contents: SourceContents,
  options: ParsedItemsCacheOptions,
): Promise<ParsedItems> {
  const parse = (): ParsedItems => ({
    items: benchmark.parse(contents),
    examples: benchmark.examples?.(contents) ?? [],
    cached: false,
  });
  if (options.cacheDir === undefined) return parse();
  const file = path.join(
    options.cacheDir,
    'items',
    encodeURIComponent(benchmark.id),
    `${cacheKey(benchmark, contents, options.variant ?? '')}.v8`,
  );
  try {
    const entry: unknown = deserialize(await readFile(file));
    if (isParsedEntry(entry)) return { items: entry.items, examples: entry.examples, cached: true };
  } catch {
    // Not cached yet, or unreadable: parse below and write it again.
  }
  const parsed = parse();
  try {
    await writeFileAtomic(file, serialize({ items: parsed.items, examples: parsed.examples }));
  } catch {
    // A cache that cannot be written only costs the next start its parse.
  }
  return parsed;
}
