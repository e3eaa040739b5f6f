import { useCallback, useEffect, useRef } from 'react';
import {
  type ExcludeReverificationHint,
  type Fetcher,
  type ReverificationEnvironment,
  resumeReverification,
  type UseReverificationOptions,
  withReverification,
} from './with-reverification.js';

function browserEnvironment(): ReverificationEnvironment {
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    // Storage can be disabled (privacy settings); the action is then not retried on return.
  }
  return { currentUrl: () => window.location.href, navigate: (url) => window.location.assign(url), storage };
}

/**
 * Read at build time: Next inlines `process.env.NEXT_PUBLIC_*` written literally into the client bundle, as it does
 * for Clerk's provider. Options given to the hook win.
 */
function configuredPages(): { signInUrl?: string | undefined; publishableKey?: string | undefined } {
  try {
    return {
      signInUrl: process.env.NEXT_PUBLIC_CLERK_SIGN_IN_URL,
      publishableKey: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
    };
  } catch {
    return {};
  }
}

/**
 * Clerk's `useReverification(fetcher, options)`: the returned function calls `fetcher` and, when the outcome asks
 * for reverification (a returned or thrown `reverificationError()`, or `reverificationErrorResponse()`'s 403), has
 * the user re-verify and retries. See the package README for what differs from Clerk's modal.
 */
export function useReverification<F extends Fetcher>(
  fetcher: F,
  options: UseReverificationOptions<F> = {},
): (...args: Parameters<F>) => Promise<ExcludeReverificationHint<Awaited<ReturnType<F>>>> {
  const latest = useRef({ fetcher, options });
  latest.current = { fetcher, options };

  useEffect(() => {
    const { fetcher: current, options: currentOptions } = latest.current;
    resumeReverification(current, { ...configuredPages(), ...currentOptions }, browserEnvironment());
  }, []);

  return useCallback((...args: Parameters<F>) => {
    const { fetcher: current, options: currentOptions } = latest.current;
    return withReverification(current, { ...configuredPages(), ...currentOptions }, browserEnvironment())(...args);
  }, []);
}
