/**
 * Keys given to clerkMiddleware() as options (an app in front of several Clerk instances) rather than through
 * CLERK_SECRET_KEY: the example's `proxy.ts` takes its `secretKey` from EXAMPLE_INSTANCE_SECRET_KEY. Each server
 * here is the example's existing build under `next start`, with a different environment:
 * - CLERK_ENCRYPTION_KEY set, no CLERK_SECRET_KEY: the render gets the key sealed and calls the Backend API with it;
 * - no CLERK_ENCRYPTION_KEY, CLERK_SECRET_KEY of another instance: auth() works, but currentUser() refuses with a
 *   typed error instead of asking the wrong instance;
 * - neither: the render cannot verify the handoff and says which variable is missing.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleVariantDir } from '../../../examples/nextjs-app/test-support/next-app.js';
import { appFetch, json } from './support/app.js';
import { type DemoSession, sessionFor } from './support/backend.js';
import { e2e } from './support/context.js';
import { type ExampleServer, logMentioning, serveExample, stopExampleServers } from './support/example-server.js';

let alice: DemoSession;

/** The example with its `secretKey` option set (EXAMPLE_INSTANCE_SECRET_KEY) and `env` on top. */
function serve(name: string, env: Record<string, string>, dir?: string): Promise<ExampleServer> {
  const { backendUrl, secretKey } = e2e();
  return serveExample(
    `instance-keys-${name}`,
    { NEXT_PUBLIC_CLERK_SIGN_IN_URL: `${backendUrl}/sign-in`, EXAMPLE_INSTANCE_SECRET_KEY: secretKey, ...env },
    dir,
  );
}

let sealed: ExampleServer;
let sealedOnEdge: ExampleServer;
let withheld: ExampleServer;
let neither: ExampleServer;

beforeAll(async () => {
  alice = await sessionFor('alice', { org: 'acme' });
  [sealed, sealedOnEdge, withheld, neither] = await Promise.all([
    serve('sealed', { CLERK_ENCRYPTION_KEY: randomBytes(32).toString('base64url') }),
    // The `middleware.ts` copy: the middleware runs on the edge runtime and seals with Web Crypto.
    serve('sealed-edge', { CLERK_ENCRYPTION_KEY: randomBytes(32).toString('base64url') }, exampleVariantDir),
    serve('withheld', { CLERK_SECRET_KEY: 'sk_test_another_instance_0000000000' }),
    serve('neither', {}),
  ]);
}, 120_000);

afterAll(stopExampleServers);

describe('keys given to clerkMiddleware() as options', () => {
  it('with CLERK_ENCRYPTION_KEY: auth(), currentUser() and clerkClient() use them (the render has no CLERK_SECRET_KEY)', async () => {
    const res = await appFetch('/api/auth-state?user=1', { base: sealed.url, cookie: alice.token });
    expect(res.status).toBe(200);
    const body = (await json(res)) as { auth: { userId: string }; user: { id: string; username: string } };
    expect(body.auth.userId).toBe(alice.userId);
    expect(body.user).toEqual({ id: alice.userId, username: 'alice' });
    // clerkClient() uses them too: in the render, and inside the middleware's handler.
    for (const path of ['/api/clerk-client', '/api/mw/clerk-client']) {
      const client = await appFetch(path, { base: sealed.url, cookie: alice.token });
      expect(client.status, path).toBe(200);
      expect(((await json(client)) as { username: string }).username).toBe('alice');
    }
    // Signed out still works as usual.
    const out = await appFetch('/api/auth-state?user=1', { base: sealed.url });
    expect(((await json(out)) as { user: unknown }).user).toBeNull();
  });

  it('the same from an edge middleware (middleware.ts): sealed with Web Crypto, opened by the Node render', async () => {
    const res = await appFetch('/api/auth-state?user=1', { base: sealedOnEdge.url, cookie: alice.token });
    expect(res.status).toBe(200);
    expect(((await json(res)) as { user: { username: string } }).user.username).toBe('alice');
    const inMiddleware = await appFetch('/api/mw/clerk-client', { base: sealedOnEdge.url, cookie: alice.token });
    expect(inMiddleware.status).toBe(200);
    expect(((await json(inMiddleware)) as { username: string }).username).toBe('alice');
  });

  it('without it, and another instance’s CLERK_SECRET_KEY in the render: auth() works, the render’s Backend API calls refuse to ask the wrong instance', async () => {
    const state = await appFetch('/api/auth-state', { base: withheld.url, cookie: alice.token });
    expect(state.status).toBe(200);
    expect(((await json(state)) as { auth: { userId: string } }).auth.userId).toBe(alice.userId);

    const user = await appFetch('/api/auth-state?user=1', { base: withheld.url, cookie: alice.token });
    expect(user.status).toBe(500);
    await user.arrayBuffer();
    // clerkClient() in the render refuses too; inside the middleware it has the middleware's own keys.
    const client = await appFetch('/api/clerk-client', { base: withheld.url, cookie: alice.token });
    expect(client.status).toBe(500);
    await client.arrayBuffer();
    const inMiddleware = await appFetch('/api/mw/clerk-client', { base: withheld.url, cookie: alice.token });
    expect(inMiddleware.status).toBe(200);
    expect(((await json(inMiddleware)) as { username: string }).username).toBe('alice');
    expect(await logMentioning(withheld, 'ERR_MISSING_ENCRYPTION_KEY')).toContain('ERR_MISSING_ENCRYPTION_KEY');
  });

  it('with neither variable: the render names what to set, and no key appears in its log', async () => {
    const res = await appFetch('/api/auth-state', { base: neither.url, cookie: alice.token });
    expect(res.status).toBe(500);
    await res.arrayBuffer();
    const log = await logMentioning(neither, 'ERR_MISSING_SECRET_KEY');
    expect(log).toContain('ERR_MISSING_SECRET_KEY');
    expect(log).toContain('CLERK_ENCRYPTION_KEY');
    expect(log).not.toContain(e2e().secretKey);
  });
});
