import { defineProject } from 'vitest/config';

// The example app is tested end to end from sdk/test/e2e (next build + next start against the local backend).
export default defineProject({
  test: {
    name: 'examples/nextjs-app',
    include: ['test/**/*.test.ts'],
  },
});
