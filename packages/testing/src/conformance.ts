import type { Benchmark } from '@kensa/core';
import { describe, expect, it } from 'vitest';
import {
  type ConformanceCheck,
  type ConformanceOptions,
  type ConformanceSubject,
  formatFinding,
  prepareConformance,
  runConformanceCheck,
} from './check-conformance';

const titles: Record<ConformanceCheck, string> = {
  contract: 'follows the benchmark contract (v1)',
  parse: 'parses its sources',
  items: 'yields items (and few-shot examples) that validate with itemSchema',
  ids: 'gives every item a unique id, stable across parses',
  prompts: 'renders every prompt mode, deterministically',
  likelihood: 'renders one likelihood continuation per choice',
  scoring: 'scores the key as correct (labelled and bare) and a wrong answer as wrong',
  exam: 'exam semantics: one section per item, official totals and points, rulings applied, a perfect examinee passes',
  sources: 'pins every source to a revision its url contains',
  'parse-errors': 'names the file and line of a malformed record',
};

/**
 * Registers the plugin conformance suite as vitest tests: one `describe` named after the benchmark, one `it`
 * per check. Call it at the top level of a test file:
 *
 * ```ts
 * testBenchmarkConformance(myBench, { contents, malformed: { path: 'test.jsonl', text: '{', line: 1 } });
 * ```
 */
export function testBenchmarkConformance(benchmark: Benchmark, options: ConformanceOptions): void {
  describe(`${benchmark.id} conformance`, () => {
    let subject: ConformanceSubject | undefined;
    const prepared = () => {
      subject ??= prepareConformance(benchmark, options);
      return subject;
    };
    for (const check of Object.keys(titles) as ConformanceCheck[]) {
      const skip = check === 'likelihood' && benchmark.likelihood === undefined;
      it.skipIf(skip)(titles[check], () => {
        expect(runConformanceCheck(check, prepared()).map(formatFinding)).toEqual([]);
      });
    }
  });
}
