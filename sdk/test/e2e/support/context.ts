import { inject } from 'vitest';

/** What the global setup started, as the tests see it. */
export interface E2eContext {
  /** The example app with `proxy.ts` (Node.js runtime, CLERK_JWT_KEY: networkless verification). */
  appUrl: string;
  /** The same app built with `middleware.ts` instead (Edge runtime, keys from the backend's JWKS). */
  variantUrl: string;
  backendUrl: string;
  secretKey: string;
  jwtKey: string;
  publishableKey: string;
  /** Path of the proxy.ts build's server-reference-manifest.json (server action ids). */
  actionManifest: string;
  variantActionManifest: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

export function e2e(): E2eContext {
  return inject('e2e');
}
