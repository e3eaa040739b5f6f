/**
 * Where redirects to sign-in/up go when the app configures fewer URLs, as with @clerk/nextjs: the configured page,
 * else (sign-up) the sign-in page's `/create` step, else the Account Portal its publishable key names. Each server
 * here is the example's existing build under `next start` with a different environment; the local backend's
 * publishable key names its own host, so its Account Portal is its own pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFetch } from './support/app.js';
import { e2e } from './support/context.js';
import { type ExampleServer, logMentioning, serveExample, stopExampleServers } from './support/example-server.js';

/** The example with only `env`'s sign-in settings (blank ones count as unset). */
function serve(name: string, env: Record<string, string>): Promise<ExampleServer> {
  return serveExample(`sign-in-pages-${name}`, {
    CLERK_SECRET_KEY: e2e().secretKey,
    NEXT_PUBLIC_CLERK_SIGN_IN_URL: '',
    NEXT_PUBLIC_CLERK_SIGN_UP_URL: '',
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: '',
    CLERK_PUBLISHABLE_KEY: '',
    ...env,
  });
}

let portalOnly: ExampleServer;
let signInOnly: ExampleServer;
let neither: ExampleServer;

beforeAll(async () => {
  const { backendUrl, publishableKey } = e2e();
  [portalOnly, signInOnly, neither] = await Promise.all([
    serve('portal', { NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: publishableKey }),
    serve('sign-in-only', { NEXT_PUBLIC_CLERK_SIGN_IN_URL: `${backendUrl}/sign-in` }),
    serve('neither', {}),
  ]);
}, 120_000);

afterAll(stopExampleServers);

/** The redirect a signed-out document request to `path` gets. */
async function redirectOf(base: string, path: string): Promise<string | null> {
  const res = await appFetch(path, { base, kind: 'document' });
  await res.arrayBuffer();
  expect(res.status, path).toBe(307);
  return res.headers.get('location');
}

describe('sign-in and sign-up pages', () => {
  it('only NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: the Account Portal it names (the local backend’s own pages)', async () => {
    const { backendUrl } = e2e();
    const back = (path: string) => encodeURIComponent(`${portalOnly.url}${path}`);
    // auth.protect() in a page, redirectToSignIn() in the middleware, redirectToSignUp() in a page.
    expect(await redirectOf(portalOnly.url, '/protected')).toBe(
      `${backendUrl}/sign-in?redirect_url=${back('/protected')}`,
    );
    expect(await redirectOf(portalOnly.url, '/mw/sign-in-redirect')).toBe(
      `${backendUrl}/sign-in?redirect_url=${back('/mw/sign-in-redirect')}`,
    );
    expect(await redirectOf(portalOnly.url, '/redirect-demo/sign-up')).toBe(
      `${backendUrl}/sign-up?redirect_url=${back('/redirect-demo/sign-up')}`,
    );
  });

  it('only NEXT_PUBLIC_CLERK_SIGN_IN_URL: sign-up goes to the sign-in page’s /create step, which the backend serves', async () => {
    const { backendUrl } = e2e();
    const location = await redirectOf(signInOnly.url, '/redirect-demo/sign-up');
    expect(location).toBe(
      `${backendUrl}/sign-in/create?redirect_url=${encodeURIComponent(`${signInOnly.url}/redirect-demo/sign-up`)}`,
    );
    // Followed (through the backend's move to the app's host name), it is the sign-up form. The backend only
    // redirects back to the apps it was started for, so the return URL here is the main app's.
    const followed = new URL(location!);
    followed.searchParams.set('redirect_url', `${e2e().appUrl}/redirect-demo/sign-up`);
    const page = await fetch(followed);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('action="/sign-up"');
  });

  it('neither: the redirect fails with ERR_MISSING_SIGN_IN_URL, which names the settings', async () => {
    const res = await appFetch('/protected', { base: neither.url, kind: 'document' });
    await res.arrayBuffer();
    expect(res.status).toBe(500);
    const log = await logMentioning(neither, 'ERR_MISSING_SIGN_IN_URL');
    expect(log).toContain('ERR_MISSING_SIGN_IN_URL');
    expect(log).toContain('NEXT_PUBLIC_CLERK_SIGN_IN_URL');
    expect(log).toContain('NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY');
  });
});
