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

const userId = async (username: string) => (await clerk.users.getUserList({ username: [username] })).data[0]!.id;

describe('POST /v1/email_addresses', () => {
  it('adds an unverified, non-primary address to a user who has one, visible on the user', async () => {
    const id = await userId('carol');
    const before = await clerk.users.getUser(id);
    const created = await clerk.emailAddresses.createEmailAddress({
      userId: id,
      emailAddress: 'Carol.Work@Example.com',
    });
    expect(created.id).toMatch(/^idn_/);
    expect(created.emailAddress).toBe('carol.work@example.com');
    expect(created.verification?.status).toBe('unverified');
    expect(created.linkedTo).toEqual([]);
    const after = await clerk.users.getUser(id);
    expect(after.emailAddresses.map((e) => e.id)).toEqual([...before.emailAddresses.map((e) => e.id), created.id]);
    expect(after.primaryEmailAddressId).toBe(before.primaryEmailAddressId);
    expect(after.updatedAt).toBeGreaterThanOrEqual(before.updatedAt);
  });

  it('makes a verified address primary when asked, and it then finds the user', async () => {
    const id = await userId('bob');
    const created = await clerk.emailAddresses.createEmailAddress({
      userId: id,
      emailAddress: 'bob.new@example.com',
      verified: true,
      primary: true,
    });
    expect(created.verification?.status).toBe('verified');
    const user = await clerk.users.getUser(id);
    expect(user.primaryEmailAddressId).toBe(created.id);
    expect(user.primaryEmailAddress?.emailAddress).toBe('bob.new@example.com');
    const found = await clerk.users.getUserList({ emailAddress: ['bob.new@example.com'] });
    expect(found.data.map((u) => u.id)).toEqual([id]);
  });

  it('makes the first address of a user without one primary', async () => {
    const user = await clerk.users.createUser({ username: 'noemail' });
    expect(user.primaryEmailAddressId).toBeNull();
    const created = await clerk.emailAddresses.createEmailAddress({
      userId: user.id,
      emailAddress: 'first@example.com',
    });
    expect((await clerk.users.getUser(user.id)).primaryEmailAddressId).toBe(created.id);
  });

  it('answers 422 form_identifier_exists for an address taken by another user or the same one', async () => {
    const id = await userId('carol');
    for (const emailAddress of ['ALICE@example.com', 'carol@example.com']) {
      await expect(clerk.emailAddresses.createEmailAddress({ userId: id, emailAddress })).rejects.toMatchObject({
        status: 422,
        errors: [{ code: 'form_identifier_exists', meta: { paramName: 'email_address' } }],
      });
    }
    const user = await clerk.users.getUser(id);
    expect(user.emailAddresses.filter((e) => e.emailAddress === 'alice@example.com')).toEqual([]);
  });

  it('answers 404 for an unknown user', async () => {
    await expect(
      clerk.emailAddresses.createEmailAddress({ userId: 'user_nobody', emailAddress: 'ghost@example.com' }),
    ).rejects.toMatchObject({ status: 404, errors: [{ code: 'resource_not_found' }] });
  });

  it('answers 400 naming the field, and writes nothing', async () => {
    const id = await userId('carol');
    const before = await clerk.users.getUser(id);
    const cases: [Record<string, unknown>, string][] = [
      [{ user_id: id, email_address: 'nope' }, 'email_address'],
      [{ email_address: 'x@example.com' }, 'user_id'],
      [{ user_id: id, email_address: 'x@example.com', verified: 'true' }, 'verified'],
    ];
    for (const [body, field] of cases) {
      const response = await api(backend, '/v1/email_addresses', { method: 'POST', json: body });
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { errors: { meta: { param_name: string } }[] };
      expect(answer.errors[0]?.meta.param_name).toBe(field);
    }
    expect((await clerk.users.getUser(id)).emailAddresses).toEqual(before.emailAddresses);
  });
});

describe('GET /v1/users/{user_id}/oauth_access_tokens/{provider}', () => {
  // The local backend has no external accounts, so no user has a provider's token.
  it('answers @clerk/backend’s paginated call with an empty page', async () => {
    const id = await userId('alice');
    expect(await clerk.users.getUserOauthAccessToken(id, 'google')).toEqual({ data: [], totalCount: 0 });
  });

  it('is a bare empty array without paginated=true', async () => {
    const id = await userId('alice');
    const response = await api(backend, `/v1/users/${id}/oauth_access_tokens/oauth_github`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
  });

  it('answers 404 for an unknown user and 400 for a provider that is not oauth_<name>', async () => {
    await expect(clerk.users.getUserOauthAccessToken('user_nobody', 'google')).rejects.toMatchObject({
      status: 404,
      errors: [{ code: 'resource_not_found' }],
    });
    const id = await userId('alice');
    const response = await api(backend, `/v1/users/${id}/oauth_access_tokens/google`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { meta: unknown }[] }).errors[0]?.meta).toEqual({
      param_name: 'provider',
    });
  });
});
