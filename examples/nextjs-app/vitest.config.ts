import { configDefaults, defineProject } from 'vitest/config';

// The example app is tested end to end from sdk/test/e2e (next build + next start against the local backend).
export default defineProject({
  test: {
    name: 'examples/nextjs-app',
    include: ['test/**/*.test.ts'],
    // test/compat is its own project (next15-compat): it installs and builds the app with Next 15.
    exclude: [...configDefaults.exclude, 'test/compat/**'],
  },
});
