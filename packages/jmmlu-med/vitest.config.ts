import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import { configDefaults, defineProject } from 'vitest/config';
import { sharedDataExclude } from '../test-support/src/shared-data-exclude.ts';

export default defineProject({
  ssr: { resolve: { conditions: ['@kensa/source', ...defaultServerConditions] } },
  test: {
    name: 'jmmlu-med',
    include: ['src/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...sharedDataExclude(fileURLToPath(new URL('.', import.meta.url)))],
  },
});
