/**
 * currentUser() over HTTP: the reference's User, null when signed out, and one Backend API call per request
 * however often it is called — in a Server Component tree, a Route Handler and a Server Action (backend counters).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appFetch, callAction, html, json } from './support/app.js';
import { counters, type DemoSession, resetCounters, sessionFor } from './support/backend.js';

const GET_USER = 'GET /v1/users/{user_id}';
let alice: DemoSession;

beforeAll(async () => {
  alice = await sessionFor('alice', { org: 'acme' });
});

async function userCalls(): Promise<number> {
  return (await counters())[GET_USER] ?? 0;
}

describe('currentUser()', () => {
  it('returns the signed-in user (camelCase, from the Backend API), null when signed out', async () => {
    const res = await appFetch('/api/user', { cookie: alice.token });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      id: alice.userId,
      email: 'alice@example.com',
      name: 'Alice Admin',
      imageUrl: expect.any(String),
    });
    expect((await appFetch('/api/user')).status).toBe(401);
  });

  it('reads metadata in a Server Component', async () => {
    const page = await html(await appFetch('/user/metadata', { kind: 'document', cookie: alice.token }));
    expect(page).toContain('Subscription: pro');
    expect(page).toContain('Theme: dark');
  });

  it('is called 3 times in one Server Component tree → exactly one Backend API call', async () => {
    await resetCounters();
    const res = await appFetch('/user/dedupe', { kind: 'document', cookie: alice.token });
    expect(res.status).toBe(200);
    const page = await html(res);
    expect(page).toContain('Name: Alice');
    expect(page).toContain('Email: alice@example.com');
    expect(await userCalls()).toBe(1);
  });

  it('is called 4 times (2 concurrently) in one Route Handler → exactly one Backend API call', async () => {
    await resetCounters();
    const res = await appFetch('/api/user/dedupe', { cookie: alice.token });
    expect(await json(res)).toEqual({ ids: [alice.userId, alice.userId, alice.userId, alice.userId] });
    expect(await userCalls()).toBe(1);
  });

  it('two requests are two requests: each makes its own call', async () => {
    await resetCounters();
    await appFetch('/api/user/dedupe', { cookie: alice.token });
    await appFetch('/api/user/dedupe', { cookie: alice.token });
    expect(await userCalls()).toBe(2);
  });

  it('in a Server Action → the user, one Backend API call', async () => {
    await resetCounters();
    const res = await callAction('/user/action', 'getUserProfile', 'app/user/action/actions.ts', {
      cookie: alice.token,
    });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(alice.userId);
    expect(body).toContain('Alice Admin');
    expect(await userCalls()).toBe(1);
  });

  it('signed out → null, and no Backend API call at all', async () => {
    await resetCounters();
    const page = await html(await appFetch('/user/dedupe', { kind: 'document' }));
    expect(page).toContain('nobody');
    expect(await userCalls()).toBe(0);
  });
});
