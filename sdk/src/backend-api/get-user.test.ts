import { createClerkClient } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackendApiClient } from './create-backend-api-client.js';
import { startLocalBackend } from './test-support/local-backend.js';

let backend: Awaited<ReturnType<typeof startLocalBackend>>;
let clerk: ReturnType<typeof createClerkClient>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  backend = await startLocalBackend();
  clerk = createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });
  for (const user of await backend.admin.call('GET', '/v1/users?limit=100')) ids[user.username] = user.id;
});
afterAll(() => backend.close());

const api = () => createBackendApiClient({ secretKey: backend.secretKey, apiUrl: backend.url });

// Every data field of the reference's User that @clerk/backend's User also has (it has no `passkeys`).
const REFERENCE_FIELDS = [
  'id',
  'emailAddresses',
  'phoneNumbers',
  'externalAccounts',
  'web3Wallets',
  'firstName',
  'lastName',
  'username',
  'imageUrl',
  'hasImage',
  'primaryEmailAddressId',
  'primaryPhoneNumberId',
  'primaryWeb3WalletId',
  'publicMetadata',
  'privateMetadata',
  'unsafeMetadata',
  'banned',
  'locked',
  'createdAt',
  'updatedAt',
  'lastSignInAt',
  'twoFactorEnabled',
  'backupCodeEnabled',
  'passwordEnabled',
  'legalAcceptedAt',
] as const;

describe('getUser', () => {
  it.each(['alice', 'bob', 'carol', 'paula', 'bruno'])(
    "maps %s exactly like @clerk/backend's users.getUser, field by field",
    async (username) => {
      const id = ids[username] as string;
      const ours = await api().getUser(id);
      const theirs = await clerk.users.getUser(id);
      for (const field of REFERENCE_FIELDS) {
        expect.soft(ours[field], field).toEqual(theirs[field]);
      }
      expect(ours.primaryEmailAddress).toEqual(theirs.primaryEmailAddress);
      expect(ours.fullName).toBe(theirs.fullName);
      expect(ours.passkeys).toEqual(
        ((theirs.raw as unknown as { passkeys?: unknown[] }).passkeys ?? []).map((p: any) => ({
          id: p.id,
          name: p.name ?? null,
          lastUsedAt: p.last_used_at ?? null,
          verification: expect.anything(),
          createdAt: p.created_at ?? null,
          updatedAt: p.updated_at ?? null,
        })),
      );
    },
  );

  it("carries the demo seed's data the reference's examples read", async () => {
    const alice = await api().getUser(ids.alice as string);
    expect(alice.firstName).toBe('Alice');
    expect(alice.lastName).toBe('Admin');
    expect(alice.emailAddresses[0]?.emailAddress).toBe('alice@example.com');
    expect(alice.publicMetadata.subscription?.tier).toBe('pro');
    expect(alice.publicMetadata.preferences?.theme).toBe('dark');
    expect(typeof alice.createdAt).toBe('number');
    expect((await api().getUser(ids.bruno as string)).banned).toBe(true);
  });
});

describe('users: list and update', () => {
  it('lists users with a filter and the total count, like @clerk/backend', async () => {
    const ours = await api().getUserList({ username: ['alice', 'bob'] });
    const theirs = await clerk.users.getUserList({ username: ['alice', 'bob'] });
    expect(ours.totalCount).toBe(theirs.totalCount);
    expect(ours.data.map((u) => u.id).sort()).toEqual(theirs.data.map((u) => u.id).sort());
    expect(ours.totalCount).toBe(2);
  });

  it('deep-merges metadata with updateUserMetadata, a null removing a key', async () => {
    const id = ids.carol as string;
    await api().updateUserMetadata(id, { publicMetadata: { a: { x: 1, y: 2 }, b: true } });
    const merged = await api().updateUserMetadata(id, { publicMetadata: { a: { y: null, z: 3 }, b: null } });
    expect(merged.publicMetadata).toEqual({ a: { x: 1, z: 3 } });
    expect((await clerk.users.getUser(id)).publicMetadata).toEqual({ a: { x: 1, z: 3 } });
  });

  it('updates attributes with updateUser', async () => {
    const id = ids.bob as string;
    const updated = await api().updateUser(id, { firstName: 'Robert' });
    expect(updated.firstName).toBe('Robert');
    expect(updated.fullName).toBe('Robert Member');
    await api().updateUser(id, { firstName: 'Bob' });
  });
});
