import { defineConfig } from 'tsup';

// The CLI is bundled with its dependencies (the workspace packages, the openai SDK, zod, commander, …): Node
// resolves, reads and links each file of an ES module graph separately, and for the SDK's and zod's hundreds
// of small files that cost more than a cached re-run's own work. better-sqlite3 stays external (a native
// addon, and optional); chart.js and playwright-core are resolved at run time by path. Plugins loaded with
// `--plugin` import their own copy of @kensa/core, which is why core's errors and benchmark objects are
// recognised by shape (`KensaError.isInstance`, `specificationVersion`), never by `instanceof`.
export default defineConfig({
  tsconfig: 'tsconfig.build.json',
  entry: ['src/cli.ts'],
  format: ['esm'],
  sourcemap: true,
  // Whitespace and syntax only (names are kept, so a bug's stack trace still reads): less source to parse.
  minifyWhitespace: true,
  minifySyntax: true,
  clean: true,
  target: 'node20',
  noExternal: [/^(?!better-sqlite3$|playwright-core$|chart\.js$)/],
  // Bundled CommonJS dependencies (commander, cli-progress) call `require` for Node's built-ins.
  banner: {
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __kensaCreateRequire } from 'node:module';",
      'const require = __kensaCreateRequire(import.meta.url);',
    ].join('\n'),
  },
});
