import type { NextConfig } from 'next';

const config: NextConfig = {
  // `npm run typecheck` (tsc) checks this app; the build need not do it again on shared CPUs.
  typescript: { ignoreBuildErrors: true },
  // AUTHLENS_DIST_DIR lets the e2e harness keep the middleware.ts variant's build apart.
  distDir: process.env.AUTHLENS_DIST_DIR || '.next',
};

export default config;
