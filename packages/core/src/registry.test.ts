import { describe, expect, it } from 'vitest';
import { type Benchmark, defineBenchmark } from './benchmark';
import { UnknownBenchmarkError } from './errors';
import { createRegistry, suggestIds } from './registry';

function fakeBenchmark(id: string): Benchmark {
  return defineBenchmark({
    specificationVersion: 'v1',
    id,
    title: `Fake ${id}`,
    citation: '',
    licence: 'none',
    version: '0',
    sources: [],
    parse: () => [],
    prompts: [],
    scoring: { kind: 'accuracy' },
  });
}

const igakuqa = fakeBenchmark('igakuqa');
const jmmlu = fakeBenchmark('jmmlu');

describe('createRegistry', () => {
  const registry = createRegistry([igakuqa, jmmlu]);

  it('looks benchmarks up by id', () => {
    expect(registry.ids).toEqual(['igakuqa', 'jmmlu']);
    expect(registry.get('jmmlu')).toBe(jmmlu);
    expect(registry.has('igakuqa')).toBe(true);
    expect(registry.has('medqa')).toBe(false);
    expect(registry.list()).toEqual([igakuqa, jmmlu]);
  });

  it('suggests the closest id for a typo', () => {
    let thrown: unknown;
    try {
      registry.get('igakua');
    } catch (error) {
      thrown = error;
    }
    expect(UnknownBenchmarkError.isInstance(thrown)).toBe(true);
    expect((thrown as UnknownBenchmarkError).message).toContain("Did you mean 'igakuqa'");
    expect((thrown as UnknownBenchmarkError).suggestions).toEqual(['igakuqa']);
    expect((thrown as UnknownBenchmarkError).id).toBe('igakua');
  });

  it('lists the known ids when nothing is close', () => {
    expect(() => registry.get('zzz')).toThrow('Known benchmarks: igakuqa, jmmlu.');
  });

  it('rejects two benchmarks with one id', () => {
    expect(() => createRegistry([igakuqa, fakeBenchmark('igakuqa')])).toThrow(/igakuqa/);
  });
});

describe('suggestIds', () => {
  const known = ['igakuqa', 'jmmlu', 'jmmlu-pro'];

  it('suggests ids within a small edit distance, ignoring case', () => {
    // igakua → igakuqa: one insertion.
    expect(suggestIds('igakua', known)).toEqual(['igakuqa']);
    expect(suggestIds('IGAKUQA', known)).toEqual(['igakuqa']);
  });

  it('suggests ids that contain the input, closest first', () => {
    // jmmlu: distance 0 to jmmlu, 4 to jmmlu-pro (which contains it).
    expect(suggestIds('jmmlu', known)).toEqual(['jmmlu', 'jmmlu-pro']);
  });

  it('suggests nothing for an unrelated id', () => {
    expect(suggestIds('medqa-usmle', known)).toEqual([]);
    expect(suggestIds('qa', known)).toEqual([]);
  });
});
