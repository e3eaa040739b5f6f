import { configDefaults, defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'sdk',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // test/e2e is its own project (sdk-e2e): it builds and starts the example app; test/install (install-weight)
    // installs the packed packages.
    exclude: [...configDefaults.exclude, 'test/e2e/**', 'test/install/**'],
  },
});
