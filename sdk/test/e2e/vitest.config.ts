import { defineProject } from 'vitest/config';

// End-to-end: the example app built with `next build`, served by `next start`, against the real local backend.
// One build and one set of servers per run (globalSetup); files run one after another (shared backend counters,
// two shared cores).
export default defineProject({
  test: {
    name: 'sdk-e2e',
    include: ['*.test.ts'],
    globalSetup: ['./global-setup.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
