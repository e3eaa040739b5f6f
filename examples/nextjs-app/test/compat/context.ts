import { inject } from 'vitest';

/** What the global setup installed and started, as the test sees it. */
export interface Next15Context {
  /** The version of `next` the app was installed with, built and served by. */
  nextVersion: string;
  /** The app's build directory (`.next`). */
  distDir: string;
  /** What `next start` printed. */
  serverLog: string;
  appUrl: string;
  backendUrl: string;
  secretKey: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    next15: Next15Context;
  }
}

export function next15(): Next15Context {
  return inject('next15');
}
