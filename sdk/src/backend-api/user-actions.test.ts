import { createClerkClient } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackendApiClient } from './create-backend-api-client.js';
import { createBackendRequester } from './request.js';
import { User } from './resources/user.js';
import { type SeenRequest, sendJson, startRawServer } from './test-support/raw-server.js';
import { createUserActions } from './user-actions.js';

// The local backend does not serve these two routes (yet), so this compares authlens with @clerk/backend on the
// wire instead: both clients talk to one real HTTP server that answers with Clerk's documented JSON, and must send
// the same request and read the answer into the same values.
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
