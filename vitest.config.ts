import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      ...['otel', 'sdk', 'backend', 'devtools', 'examples/nextjs-app'].map((dir) => `${dir}/vitest.config.ts`),
      // The SDK's end-to-end suite (next build + next start + the local backend), a project of its own.
      'sdk/test/e2e/vitest.config.ts',
    ],
  },
});
