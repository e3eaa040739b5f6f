/**
 * What a Next 15 user of the SDK relies on, against the example app installed from the packed packages with
 * next 15, `middleware.ts`, built by Next 15's `next build` and served by its `next start`: redirects to sign-in,
 * pages rendered for a signed-in user, auth.protect() outcomes, and currentUser()'s one Backend API call per request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { next15 } from './context.js';

/** A call to the local backend as the instance (its secret key). */
async function backendApi<T>(path: string, body?: unknown): Promise<T> {
  const { backendUrl, secretKey } = next15();
  const res = await fetch(`${backendUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${secretKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`backend ${path} → ${res.status}`);
  return (await res.json()) as T;
}

/** A new session of a demo user, active in the demo org `acme`, and a session token for it. */
async function sessionFor(username: string): Promise<{ token: string; userId: string }> {
  const [user] = await backendApi<Array<{ id: string }>>(`/v1/users?username=${username}`);
  if (!user) throw new Error(`no demo user ${username}`);
  const org = await backendApi<{ id: string }>('/v1/organizations/acme');
  const session = await backendApi<{ id: string }>('/v1/sessions', {
    user_id: user.id,
    active_organization_id: org.id,
  });
  const { jwt } = await backendApi<{ jwt: string }>(`/v1/sessions/${session.id}/tokens`, {});
  return { token: jwt, userId: user.id };
}

/** A browser's page request (a document), or an API client's request, with the session cookie if given. */
function get(path: string, options: { kind: 'document' | 'api'; cookie?: string }): Promise<Response> {
  return fetch(`${next15().appUrl}${path}`, {
    redirect: 'manual',
    headers: {
      ...(options.kind === 'document'
        ? { accept: 'text/html,application/xhtml+xml', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' }
        : { accept: 'application/json', 'sec-fetch-dest': 'empty' }),
      // What a browser that has been through Clerk's development instance sends (Clerk's cookie protocol): its dev
      // browser and __client_uat (the session's iat when signed in, 0 when signed out).
      cookie: options.cookie
        ? `__session=${options.cookie}; __client_uat=${iatOf(options.cookie)}; __clerk_db_jwt=dvb_compat`
        : '__clerk_db_jwt=dvb_compat; __client_uat=0',
    },
  });
}

function iatOf(token: string): number {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).iat;
}

/** A page's HTML with React's text separators removed, so rendered text reads as written. */
async function html(res: Response): Promise<string> {
  return (await res.text()).replaceAll('<!-- -->', '');
}

let alice: { token: string; userId: string };

beforeAll(async () => {
  alice = await sessionFor('alice');
});

describe('the example app on Next 15 (packed packages, middleware.ts)', () => {
  it('was installed, built and served by Next 15, with middleware.ts as its middleware', () => {
    const { nextVersion, serverLog, distDir } = next15();
    expect(nextVersion).toMatch(/^15\./);
    expect(readFileSync(serverLog, 'utf8')).toContain(`Next.js ${nextVersion}`);
    const manifest = JSON.parse(readFileSync(join(distDir, 'server/middleware-manifest.json'), 'utf8'));
    expect(Object.keys(manifest.middleware)).toEqual(['/']);
  });

  it('signed out, a page request to /protected → 307 to the sign-in page with redirect_url', async () => {
    const { appUrl, backendUrl } = next15();
    const res = await get('/protected', { kind: 'document' });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe(
      `${backendUrl}/sign-in?redirect_url=${encodeURIComponent(`${appUrl}/protected`)}`,
    );
  });

  it("with alice's session cookie, /protected, /dashboard and /user render her", async () => {
    const protectedPage = await get('/protected', { kind: 'document', cookie: alice.token });
    expect(protectedPage.status).toBe(200);
    expect(await html(protectedPage)).toContain(`Welcome ${alice.userId}`);

    const dashboard = await get('/dashboard', { kind: 'document', cookie: alice.token });
    expect(dashboard.status).toBe(200);
    expect(await html(dashboard)).toContain('Hello Alice Admin');

    const user = await get('/user', { kind: 'document', cookie: alice.token });
    expect(user.status).toBe(200);
    const page = await html(user);
    expect(page).toContain('<h1>Alice Admin</h1>');
    expect(page).toContain('Username: alice');
  });

  it('/premium without the role → 307 to its unauthorizedUrl, /upgrade', async () => {
    const res = await get('/premium', { kind: 'document', cookie: alice.token });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe(`${next15().appUrl}/upgrade`);
  });

  it('an API route with auth.protect(): signed out → 404, signed in → the handler runs', async () => {
    expect((await get('/api/protect-check', { kind: 'api' })).status).toBe(404);
    const res = await get('/api/protect-check', { kind: 'api', cookie: alice.token });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { auth: { userId: string } }).auth.userId).toBe(alice.userId);
  });

  it('currentUser() three times in one render → one Backend API call', async () => {
    const userCalls = async () =>
      (await backendApi<{ counts: Record<string, number> }>('/__admin/counters')).counts['GET /v1/users/{user_id}'] ??
      0;
    await backendApi('/__admin/counters/reset', {});
    const res = await get('/user/dedupe', { kind: 'document', cookie: alice.token });
    expect(res.status).toBe(200);
    const page = await html(res);
    expect(page).toContain('Name: Alice');
    expect(page).toContain('>alice</h1>');
    expect(await userCalls()).toBe(1);
  });
});
