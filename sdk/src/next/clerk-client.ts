/**
 * `clerkClient()` as `@authlens/nextjs/server` exports it: inside a request whose middleware was given its keys as
 * options — in its handler (middleware-keys.ts) or in the render (sealed into the handoff, handoff/instance-keys.ts) —
 * the client for those keys, as Clerk's reads its request data; anywhere else — scripts, no request, keys from the
 * environment — the environment's client.
 */
import { headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import { type ClerkClient, clerkClientFor, clerkClient as environmentClerkClient } from '../backend-api/index.js';
import { handoffSecretFromEnv } from '../config.js';
import { HANDOFF_HEADER } from './handoff/handoff-state.js';
import { middlewareKeys } from './middleware-keys.js';
import { acceptedHandoff, renderBackendKeys } from './render-context.js';

/** This request's handoff header, or null outside a request (Next's own control-flow errors pass through). */
async function handoffHeader(): Promise<string | null> {
  try {
    return (await headers()).get(HANDOFF_HEADER);
  } catch (error) {
    // Prerendering bails out through errors it must see; "called outside a request scope" just means no request.
    unstable_rethrow(error);
    return null;
  }
}

export async function clerkClient(): Promise<ClerkClient> {
  const fromMiddleware = middlewareKeys();
  if (fromMiddleware) return clerkClientFor(fromMiddleware);
  const value = await handoffHeader();
  const secret = handoffSecretFromEnv();
  if (value === null || secret === null) return environmentClerkClient();
  const state = await acceptedHandoff(value, secret);
  return clerkClientFor(await renderBackendKeys(state));
}
