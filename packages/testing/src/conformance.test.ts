import { testBenchmarkConformance } from './conformance';
import { toyBenchmark, toyContents, toyPath } from './test-support/toy-benchmark';

testBenchmarkConformance(toyBenchmark(), {
  contents: toyContents,
  malformed: { path: toyPath, text: (text) => text.replace('"膵β細胞"', '""'), line: 1 },
  itemCount: 3,
});
