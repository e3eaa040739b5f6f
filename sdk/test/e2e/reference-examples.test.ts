/**
 * The reference's usage examples as the example app runs them (those not already covered by the protection table,
 * currentUser and auth-options suites): what a signed-in and a signed-out visitor get.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { actionId, appFetch, browserCookies, html, json } from './support/app.js';
import { type DemoSession, sessionFor } from './support/backend.js';
import { e2e } from './support/context.js';

let alice: DemoSession;
let bob: DemoSession;

beforeAll(async () => {
  [alice, bob] = await Promise.all([sessionFor('alice', { org: 'acme' }), sessionFor('bob', { org: 'acme' })]);
});

const page = async (path: string, cookie?: string) => html(await appFetch(path, { kind: 'document', cookie }));

describe('the reference’s examples', () => {
  it('Server Component with auth(): ids when signed in, a message when not', async () => {
    const signedIn = await page('/dashboard', alice.token);
    expect(signedIn).toContain(`User ID: ${alice.userId}`);
    expect(signedIn).toContain(`Session ID: ${alice.sessionId}`);
    expect(signedIn).toContain('Organization ID: org_');
    expect(await page('/dashboard')).toContain('Not authenticated');
  });

  it('Route Handler with auth(): data when signed in, 401 JSON when not', async () => {
    const res = await appFetch('/api/data', { bearer: bob.token });
    expect(res.status).toBe(200);
    expect((await json(res)).data.userId).toBe(bob.userId);
    const out = await appFetch('/api/data');
    expect(out.status).toBe(401);
    expect(await json(out)).toEqual({ error: 'Unauthorized' });
  });

  it('Server Action with auth(): runs when signed in, throws when not', async () => {
    // The action takes a FormData: React's reply encoding sends it as multipart, root "$K1", fields "_1_<name>".
    const form = () => {
      const body = new FormData();
      body.set('_1_name', 'Bobby'); // the FormData's fields come first, as React's client writes them
      body.set('0', '["$K1"]');
      return body;
    };
    const { appUrl } = e2e();
    const call = (cookie?: string) =>
      fetch(`${appUrl}/profile`, {
        method: 'POST',
        body: form(),
        headers: {
          accept: 'text/x-component',
          'next-action': actionId('updateProfile', 'app/profile/actions.ts'),
          cookie: browserCookies(cookie),
        },
      });
    const ok = await call(bob.token);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('"success":true');
    const data = await json(await appFetch('/api/data', { bearer: bob.token }));
    expect(data.data.profile).toEqual({ name: 'Bobby' });
    // Signed out, the action throws its Error('Unauthorized'): Next answers 500.
    expect((await call()).status).toBe(500);
  });

  it('Check Permissions: has() for role and permission', async () => {
    const admin = await page('/admin', alice.token);
    expect(admin).toContain('Admin Panel');
    expect(admin).toContain('Manage Team');
    expect(await page('/admin', bob.token)).toContain('Access denied');
    expect(await page('/admin')).toContain('Not authenticated');
  });

  it('Redirect Methods: redirectToSignIn({ returnBackUrl }), redirectToSignUp(), returnBackUrl: null', async () => {
    const { appUrl, backendUrl } = e2e();
    const toSignIn = await appFetch('/redirect-demo', { kind: 'document' });
    expect(toSignIn.status).toBe(307);
    expect(toSignIn.headers.get('location')).toBe(
      `${backendUrl}/sign-in?redirect_url=${encodeURIComponent(`${appUrl}/dashboard`)}`,
    );
    const toSignUp = await appFetch('/redirect-demo/sign-up', { kind: 'document' });
    expect(toSignUp.headers.get('location')).toBe(
      `${backendUrl}/sign-up?redirect_url=${encodeURIComponent(`${appUrl}/redirect-demo/sign-up`)}`,
    );
    const bare = await appFetch('/redirect-demo/no-return', { kind: 'document' });
    expect(bare.headers.get('location')).toBe(`${backendUrl}/sign-in`);
    expect(await page('/redirect-demo', alice.token)).toContain('Protected content');
  });

  it('an off-origin returnBackUrl is refused: no redirect to it', async () => {
    const res = await appFetch('/redirect-demo/off-origin', { kind: 'document' });
    expect(res.status).toBe(500);
    expect(res.headers.get('location')).toBeNull();
  });

  it('currentUser() in a Server Component', async () => {
    const profile = await page('/user', alice.token);
    expect(profile).toContain('Alice Admin');
    expect(profile).toContain('Email: alice@example.com');
    expect(profile).toContain('Username: alice');
    expect(await page('/user')).toContain('Not signed in');
  });

  it('the home page links every example and signs in through the backend’s page', async () => {
    const home = await page('/');
    expect(home).toContain('Signed out');
    expect(home).toContain(`${e2e().backendUrl}/sign-in?redirect_url=`);
    expect(await page('/', alice.token)).toContain(`Signed in as ${alice.userId}`);
  });
});

describe('clerkClient()', () => {
  it('reads from the Backend API with the app’s secret key', async () => {
    const res = await appFetch('/api/clerk-client', { cookie: bob.token });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.username).toBe('bob');
  });
});
