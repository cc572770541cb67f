import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import { configDefaults, defineProject } from 'vitest/config';
import { sharedDataExclude } from '../../packages/test-support/src/shared-data-exclude.ts';

export default defineProject({
  ssr: { resolve: { conditions: ['@kensa/source', ...defaultServerConditions] } },
  test: {
    name: 'demo',
    include: ['src/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...sharedDataExclude(fileURLToPath(new URL('.', import.meta.url)))],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
