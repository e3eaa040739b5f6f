import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      ...['otel', 'sdk', 'backend', 'devtools', 'examples/nextjs-app'].map((dir) => `${dir}/vitest.config.ts`),
      // The SDK's end-to-end suite (next build + next start + the local backend), a project of its own.
      'sdk/test/e2e/vitest.config.ts',
      // @authlens/nextjs packed and installed into an empty app: what a user's install pulls in (needs the npm registry or its cache).
      'sdk/test/install/vitest.config.ts',
      // The example app installed with Next 15 from the packed packages (needs the npm registry), a project of its own.
      'examples/nextjs-app/test/compat/vitest.config.ts',
      // The repository's own scripts: build, install, packing from a clean tree, the demo and how it stops.
      { test: { name: 'scripts', include: ['scripts/**/*.test.mjs'] } },
    ],
  },
});
