/**
 * Hardening finding 1 — Backend API budget exhaustion by anonymous machine tokens, end to end: the example app under
 * `next start`, the real local backend at Clerk's development limit (100 requests / 10 s). About 200
 * `Authorization: Bearer mt_<random>` requests in 5 s to a route the middleware protects for M2M tokens, then the
 * signed-in user's `currentUser()` (the `/api/user` Route Handler) must still answer 200, and a valid M2M token is
 * accepted again once the rate-limit window has reset.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFetch, json } from './support/app.js';
import { backendApi, type DemoSession, m2mToken, sessionFor } from './support/backend.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function randomM2mToken(): string {
  let body = '';
  for (const byte of randomBytes(48)) body += BASE62[byte % 62];
  return `mt_${body}`;
}

let alice: DemoSession;
let validM2m: string;

beforeAll(async () => {
  alice = await sessionFor('alice');
  validM2m = await m2mToken();
  // The suite runs with limits off; this file turns Clerk's development limit on (fresh windows) and off again.
  await backendApi('/__admin/rate-limit', { method: 'PUT', body: { limit: 100, windowSeconds: 10 } });
});
afterAll(async () => {
  await backendApi('/__admin/rate-limit', { method: 'PUT', body: { off: true } });
});

describe('Hardening finding 1 (e2e): a machine-token spray cannot starve signed-in users', () => {
  it('200 unknown mt_ tokens in 5 s get 401, currentUser() answers 200, a valid token passes once the window resets', async () => {
    const statuses: number[] = [];
    for (let burst = 0; burst < 8; burst++) {
      const started = Date.now();
      const responses = await Promise.all(
        Array.from({ length: 25 }, () => appFetch('/api/mw/m2m', { bearer: randomM2mToken() })),
      );
      statuses.push(...responses.map((res) => res.status));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 625 - (Date.now() - started))));
    }
    expect(statuses).toHaveLength(200);
    expect(new Set(statuses)).toEqual(new Set([401]));

    const res = await appFetch('/api/user', { cookie: alice.token });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id: alice.userId, email: 'alice@example.com' });

    // The reserve holds machine tokens back only until the window resets: then a valid one is accepted again. (The
    // app is shared with the files that run after this one; they start with its budget recovered.)
    await expect
      .poll(async () => (await appFetch('/api/mw/m2m', { bearer: validM2m })).status, {
        timeout: 30_000,
        interval: 500,
      })
      .toBe(200);
  }, 90_000);
});
