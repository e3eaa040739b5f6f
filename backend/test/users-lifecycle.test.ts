import { createClerkClient } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../src/index.js';
import { api, startTestBackend } from './support/backend.js';

let backend: RunningBackend;
let clerk: ReturnType<typeof createClerkClient>;
beforeAll(async () => {
  backend = await startTestBackend({ seed: 'demo' });
  clerk = createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });
});
afterAll(() => backend.close());

describe('user lifecycle', () => {
  it('banning revokes the user’s sessions; unbanning lets them sign in again', async () => {
    const user = await clerk.users.createUser({ username: 'eve', emailAddress: ['eve@example.com'] });
    const session = await clerk.sessions.createSession({ userId: user.id });
    expect((await clerk.users.banUser(user.id)).banned).toBe(true);
    expect((await clerk.sessions.getSession(session.id)).status).toBe('revoked');
    await expect(clerk.sessions.createSession({ userId: user.id })).rejects.toMatchObject({ status: 403 });
    await clerk.users.unbanUser(user.id);
    expect((await clerk.sessions.createSession({ userId: user.id })).status).toBe('active');
  });

  it('deleting a user removes their memberships and ends their sessions', async () => {
    const user = await clerk.users.createUser({ username: 'frank' });
    await clerk.organizations.createOrganizationMembership({
      organizationId: 'acme',
      userId: user.id,
      role: 'org:member',
    });
    const session = await clerk.sessions.createSession({ userId: user.id });
    const deleted = (await clerk.users.deleteUser(user.id)) as unknown as { id: string; deleted: boolean };
    expect(deleted).toMatchObject({ id: user.id, deleted: true });
    await expect(clerk.users.getUser(user.id)).rejects.toMatchObject({ status: 404 });
    const members = await clerk.organizations.getOrganizationMembershipList({ organizationId: 'acme' });
    expect(members.data.map((m) => m.publicUserData?.userId)).not.toContain(user.id);
    expect((await clerk.sessions.getSession(session.id)).status).toBe('removed');
    await expect(clerk.sessions.getToken(session.id)).rejects.toMatchObject({ status: 401 });
  });

  it('PUT metadata replaces, PATCH merges, and the last sign-in time is recorded', async () => {
    const user = await clerk.users.createUser({ username: 'gina', publicMetadata: { a: 1, b: { c: 2 } } });
    expect(user.lastSignInAt).toBeNull();
    const replaced = await clerk.users.replaceUserMetadata(user.id, { publicMetadata: { z: true } });
    expect(replaced.publicMetadata).toEqual({ z: true });
    const merged = await clerk.users.updateUserMetadata(user.id, { publicMetadata: { y: { deep: 1 } } });
    expect(merged.publicMetadata).toEqual({ z: true, y: { deep: 1 } });
    await clerk.sessions.createSession({ userId: user.id });
    expect((await clerk.users.getUser(user.id)).lastSignInAt).toBeGreaterThan(0);
  });

  it('serves an initials avatar for the default image_url', async () => {
    const user = await clerk.users.createUser({ username: 'hank', firstName: 'Hank', lastName: 'Hill' });
    const res = await fetch(user.imageUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toContain('>HH<');
    expect((await api(backend, '/avatars/user_missing.svg')).status).toBe(404);
  });
});
