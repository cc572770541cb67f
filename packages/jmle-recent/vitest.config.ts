import { defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['@kensa/source', ...defaultServerConditions] } },
  test: { name: 'jmle-recent', include: ['src/**/*.test.ts'] },
});
