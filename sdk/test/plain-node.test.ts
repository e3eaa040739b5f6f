/**
 * `@authlens/nextjs/backend` is a real package entry for plain Node: a child `node` process imports it by package
 * name (built `dist`, no bundler, no Next.js) and verifies a session token minted by the local backend, then reads
 * the user through `clerkClient()` configured from the environment.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type RunningBackend, startBackend } from '@authlens/backend';
import { createClerkClient } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let backend: RunningBackend;

beforeAll(async () => {
  backend = await startBackend({ port: 0, inMemory: true, seed: 'demo', rateLimit: 'off' });
});

afterAll(async () => {
  await backend?.close();
});

const script = `
import { clerkClient, verifyToken } from '@authlens/nextjs/backend';
const payload = await verifyToken(process.env.TOKEN, { jwtKey: process.env.CLERK_JWT_KEY });
const user = await (await clerkClient()).users.getUser(payload.sub);
console.log(JSON.stringify({ sub: payload.sub, firstName: user.firstName }));
`;

describe('@authlens/nextjs/backend in plain Node', () => {
  it('imports by package name and verifies a token from the local backend', async () => {
    const clerk = createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });
    const { data } = await clerk.users.getUserList({ username: ['alice'] });
    const alice = data[0]!;
    const session = await clerk.sessions.createSession({ userId: alice.id });
    const { jwt } = await clerk.sessions.getToken(session.id);

    // Asynchronous: the backend runs in this process and must keep answering while the child calls it.
    const child = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        PATH: process.env.PATH,
        TOKEN: jwt,
        CLERK_JWT_KEY: backend.jwtKey,
        CLERK_SECRET_KEY: backend.secretKey,
        CLERK_API_URL: backend.url,
      },
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ sub: alice.id, firstName: 'Alice' });
  });
});
