// The vitest-based conformance suite lives on its own subpath (`@kensa/testing/vitest`, ESM only): vitest cannot
// be loaded with require(), and the mock server in the main entry must stay usable from CommonJS test runners.
export { testBenchmarkConformance } from './conformance';
