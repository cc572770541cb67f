import { describe, expect, it } from 'vitest';
import { defineBenchmark } from './benchmark';
import { benchmarkOption, defineBenchmarkOptions, parseBenchmarkOptions } from './benchmark-options';
import { BenchmarkOptionsError } from './errors';

const fields = {
  years: benchmarkOption.list(benchmarkOption.integer()).optional().describe('years, comma-separated'),
  rulings: benchmarkOption.choice(['paper', 'ministry']).optional().describe("'paper' or 'ministry'"),
  excludeImages: benchmarkOption.boolean().optional().describe('true to leave out image questions'),
};

function toy(options: { years?: number[]; rulings?: string; excludeImages?: boolean } = {}) {
  if (options.years?.includes(1999)) throw new Error('No exam in 1999.');
  return defineBenchmark({
    specificationVersion: 'v1',
    id: 'toy',
    title: `toy ${JSON.stringify(options)}`,
    citation: '',
    licence: '',
    version: '1',
    sources: [],
    parse: () => [],
    prompts: [],
    scoring: { kind: 'accuracy' },
    options: defineBenchmarkOptions('toy', fields, toy),
  });
}

describe('benchmark options', () => {
  it('converts command-line strings with the plugin schema and keeps typed values', () => {
    expect(parseBenchmarkOptions('toy', fields, { years: '2021, 2022', excludeImages: 'yes' })).toEqual({
      years: [2021, 2022],
      excludeImages: true,
    });
    expect(parseBenchmarkOptions('toy', fields, { years: [2022], rulings: 'ministry' })).toEqual({
      years: [2022],
      rulings: 'ministry',
    });
  });

  it('describes every key for kensa list', () => {
    expect(toy().options?.keys).toEqual([
      { key: 'years', description: 'years, comma-separated' },
      { key: 'rulings', description: "'paper' or 'ministry'" },
      { key: 'excludeImages', description: 'true to leave out image questions' },
    ]);
  });

  it('builds the benchmark again with other options', () => {
    expect(toy().options?.create({ years: '2022' }).title).toBe('toy {"years":[2022]}');
  });

  it('refuses an unknown key, naming it and every valid key', () => {
    const error = (() => {
      try {
        toy().options?.create({ yeers: '2022' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(BenchmarkOptionsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      "Bad options for toy: unknown option 'yeers'. Valid options: years, rulings, excludeImages (see 'kensa list').",
    );
  });

  it('refuses a bad value, naming the key', () => {
    expect(() => toy().options?.create({ years: 'twenty' })).toThrow(/'years': .*expected number/);
    expect(() => toy().options?.create({ rulings: 'mine' })).toThrow(/'rulings': Invalid option/);
    expect(() => toy().options?.create({ excludeImages: 'maybe' })).toThrow(/'excludeImages'/);
    expect(() => toy().options?.create({ years: '' })).toThrow(/'years'/);
  });

  it("turns the factory's own refusal into the same error", () => {
    expect(() => toy().options?.create({ years: '1999' })).toThrow(BenchmarkOptionsError);
    expect(() => toy().options?.create({ years: '1999' })).toThrow(/Bad options for toy: No exam in 1999\./);
  });
});
