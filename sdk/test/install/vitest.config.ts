import { defineProject } from 'vitest/config';

// @authlens/nextjs packed and installed into an empty app from the tarballs (third-party packages from the npm
// registry or its cache): what a user's install pulls in. Run after building otel and sdk (`npm test` does).
export default defineProject({
  test: {
    name: 'install-weight',
    include: ['*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
