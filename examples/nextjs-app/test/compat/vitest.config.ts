import { defineProject } from 'vitest/config';

// The example app on Next 15 (the lowest line the SDK's peer range allows): installed from the packed packages with
// next 15 from the npm registry, built by that Next and served by `next start` against the local backend. Run after
// building otel, sdk and devtools (`npm test` does).
export default defineProject({
  test: {
    name: 'next15-compat',
    include: ['*.test.ts'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 30_000,
  },
});
