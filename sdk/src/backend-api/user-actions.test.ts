import { createClerkClient } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendApiError } from './backend-api-error.js';
import { createBackendApiClient } from './create-backend-api-client.js';
import { createBackendRequester } from './request.js';
import { User } from './resources/user.js';
import { startLocalBackend } from './test-support/local-backend.js';
import { type SeenRequest, sendJson, startRawServer } from './test-support/raw-server.js';
import { createUserActions } from './user-actions.js';

// Two halves. On the wire: both clients talk to one real HTTP server that answers with Clerk's documented JSON (an
// OAuth token included, which the local backend never has), and must send the same request and read the answer into
// the same values. Against the real local backend: the User's methods do what a user relies on.
const SECRET = 'sk_test_wireCompareSecret0001';
const emailJson = {
  object: 'email_address',
  id: 'idn_new',
  email_address: 'new@example.com',
  verification: {
    object: 'verification_admin',
    status: 'verified',
    strategy: 'admin',
    attempts: null,
    expire_at: null,
  },
  linked_to: [],
};
const oauthJson = {
  object: 'oauth_access_token',
  external_account_id: 'eac_1',
  provider: 'oauth_google',
  token: 'ya29.provider-token',
  public_metadata: { a: 1 },
  label: null,
  scopes: ['email', 'profile'],
  expires_at: 1900000000,
};

let server: Awaited<ReturnType<typeof startRawServer>>;
beforeAll(async () => {
  server = await startRawServer((req, res) => {
    if (req.method === 'POST' && req.url.startsWith('/v1/email_addresses')) return sendJson(res, 200, emailJson);
    if (req.url.startsWith('/v1/users/user_1/oauth_access_tokens/oauth_google')) {
      return sendJson(res, 200, { data: [oauthJson], total_count: 1 });
    }
    sendJson(res, 404, { errors: [{ code: 'resource_not_found', message: 'not found' }] });
  });
});
afterAll(() => server.close());

const comparable = (req: SeenRequest | undefined) => ({
  method: req?.method,
  path: req?.url,
  body: req?.body ? JSON.parse(req.body) : null,
  authorization: req?.headers.authorization,
});

const user = () => {
  const requester = createBackendRequester({ secretKey: SECRET, apiUrl: server.url });
  return User.fromJSON({ id: 'user_1', created_at: 1, updated_at: 2 }, createUserActions(requester));
};
const clerk = () => createClerkClient({ secretKey: SECRET, apiUrl: server.url });

describe('user.createEmailAddress', () => {
  it('sends what @clerk/backend sends and reads the answer into the same values', async () => {
    const before = server.seen.length;
    const ours = await user().createEmailAddress({ emailAddress: 'new@example.com', verified: true, primary: false });
    const theirs = await clerk().emailAddresses.createEmailAddress({
      userId: 'user_1',
      emailAddress: 'new@example.com',
      verified: true,
      primary: false,
    });
    const [a, b] = server.seen.slice(before);
    expect(comparable(a)).toEqual(comparable(b));
    expect(ours).toEqual({ ...theirs });
  });
});

describe('user.getOAuthAccessToken', () => {
  it('sends what @clerk/backend sends (provider prefixed with oauth_) and reads the same tokens', async () => {
    const before = server.seen.length;
    const ours = await user().getOAuthAccessToken('google');
    const theirs = await clerk().users.getUserOauthAccessToken('user_1', 'google');
    const [a, b] = server.seen.slice(before);
    expect(comparable(a)).toEqual(comparable(b));
    expect(a?.url).toBe('/v1/users/user_1/oauth_access_tokens/oauth_google?paginated=true');
    expect(ours).toHaveLength(1);
    const theirToken = theirs.data[0];
    expect(ours[0]).toMatchObject({
      externalAccountId: theirToken?.externalAccountId,
      provider: theirToken?.provider,
      token: theirToken?.token,
      publicMetadata: theirToken?.publicMetadata,
      label: theirToken?.label,
      scopes: theirToken?.scopes,
      expiresAt: theirToken?.expiresAt,
    });
  });

  it('is also on the client as getUserOauthAccessToken', async () => {
    const api = createBackendApiClient({ secretKey: SECRET, apiUrl: server.url });
    expect((await api.getUserOauthAccessToken('user_1', 'oauth_google'))[0]?.provider).toBe('oauth_google');
  });
});

describe('User methods against the local backend', () => {
  let local: Awaited<ReturnType<typeof startLocalBackend>>;
  beforeAll(async () => {
    local = await startLocalBackend();
  });
  afterAll(() => local.close());

  const localApi = () => createBackendApiClient({ secretKey: local.secretKey, apiUrl: local.url });
  const localClerk = () => createClerkClient({ secretKey: local.secretKey, apiUrl: local.url });
  const userNamed = async (username: string) => {
    const [found] = await local.admin.call('GET', `/v1/users?username=${username}`);
    return localApi().getUser(found.id);
  };

  it('user.createEmailAddress adds the address to the user, as @clerk/backend then reads it', async () => {
    const carol = await userNamed('carol');
    const created = await carol.createEmailAddress({
      emailAddress: 'Carol.SDK@example.com',
      verified: true,
      primary: true,
    });
    expect(created.id).toMatch(/^idn_/);
    expect(created.emailAddress).toBe('carol.sdk@example.com');
    expect(created.verification?.status).toBe('verified');

    const after = await localApi().getUser(carol.id);
    expect(after.emailAddresses.map((e) => e.id)).toEqual([...carol.emailAddresses.map((e) => e.id), created.id]);
    expect(after.primaryEmailAddressId).toBe(created.id);
    expect(after.primaryEmailAddress?.emailAddress).toBe('carol.sdk@example.com');
    const theirs = (await localClerk().users.getUser(carol.id)).emailAddresses.find((e) => e.id === created.id);
    expect(created).toEqual({ ...theirs });
  });

  it('user.createEmailAddress defaults to an unverified, non-primary address', async () => {
    const bob = await userNamed('bob');
    const created = await bob.createEmailAddress({ emailAddress: 'bob.other@example.com' });
    expect(created.verification?.status).toBe('unverified');
    expect((await localApi().getUser(bob.id)).primaryEmailAddressId).toBe(bob.primaryEmailAddressId);
  });

  it('user.createEmailAddress rejects a taken address with a typed 422, without the address in the message', async () => {
    const carol = await userNamed('carol');
    const error = await carol.createEmailAddress({ emailAddress: 'alice@example.com' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendApiError);
    expect(error).toMatchObject({
      code: 'ERR_BACKEND_API_BAD_REQUEST',
      status: 422,
      errors: [{ code: 'form_identifier_exists', meta: { param_name: 'email_address' } }],
    });
    expect((error as Error).message).not.toContain('alice@example.com');
    expect((await localApi().getUser(carol.id)).emailAddresses).toEqual(carol.emailAddresses);
  });

  it('user.getOAuthAccessToken lists no tokens (the local backend has no OAuth providers), like @clerk/backend', async () => {
    const alice = await userNamed('alice');
    expect(await alice.getOAuthAccessToken('google')).toEqual([]);
    expect(await alice.getOAuthAccessToken('oauth_github')).toEqual([]);
    expect(await localClerk().users.getUserOauthAccessToken(alice.id, 'google')).toEqual({ data: [], totalCount: 0 });
  });

  it('user.getOAuthAccessToken of a deleted user is a typed 404', async () => {
    const created = await local.admin.call('POST', '/v1/users', { username: 'gone' });
    const gone = await localApi().getUser(created.id);
    await local.admin.call('DELETE', `/v1/users/${created.id}`);
    await expect(gone.getOAuthAccessToken('google')).rejects.toMatchObject({
      code: 'ERR_BACKEND_API_NOT_FOUND',
      status: 404,
    });
  });
});
