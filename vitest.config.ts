import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['otel', 'sdk', 'backend', 'devtools', 'examples/nextjs-app'].map((dir) => `${dir}/vitest.config.ts`),
  },
});
