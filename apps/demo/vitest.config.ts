import { defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['@kensa/source', ...defaultServerConditions] } },
  // The CLI imports each command when it runs, so a hook that runs the CLI first also transforms the command's
  // modules: give hooks the time tests get.
  test: { name: 'demo', include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
