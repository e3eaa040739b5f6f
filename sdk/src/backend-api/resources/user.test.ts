import { describe, expect, expectTypeOf, it } from 'vitest';
import type { User as ReferenceUser } from '../../types.js';
import { ResourceShapeError } from './read-json.js';
import { User, type UserActions } from './user.js';

const verified = {
  object: 'verification_from_oauth',
  status: 'verified',
  strategy: 'from_oauth_google',
  attempts: null,
  expire_at: null,
};

const userJson = {
  object: 'user',
  id: 'user_2alice',
  username: 'alice',
  first_name: 'Alice',
  last_name: 'Admin',
  image_url: 'https://img.example.test/alice.png',
  has_image: true,
  primary_email_address_id: 'idn_email1',
  primary_phone_number_id: 'idn_phone1',
  primary_web3_wallet_id: null,
  password_enabled: true,
  two_factor_enabled: true,
  totp_enabled: true,
  backup_code_enabled: false,
  email_addresses: [
    {
      object: 'email_address',
      id: 'idn_email1',
      email_address: 'alice@example.com',
      verification: { status: 'verified', strategy: 'email_code', attempts: 1, expire_at: 1700000000000 },
      linked_to: [{ id: 'idn_oauth1', type: 'oauth_google' }],
    },
    { object: 'email_address', id: 'idn_email2', email_address: 'a2@example.com', verification: null, linked_to: [] },
  ],
  phone_numbers: [
    {
      object: 'phone_number',
      id: 'idn_phone1',
      phone_number: '+15555550100',
      reserved_for_second_factor: true,
      default_second_factor: true,
      verification: { status: 'verified', strategy: 'phone_code', attempts: 1, expire_at: null },
      linked_to: [],
    },
  ],
  web3_wallets: [
    {
      object: 'web3_wallet',
      id: 'idn_w3',
      web3_wallet: '0x52908400098527886E0F7030069857D2E4169EE7',
      verification: null,
    },
  ],
  passkeys: [
    {
      object: 'passkey',
      id: 'idn_pk',
      name: 'Laptop',
      last_used_at: 1700000001000,
      verification: { status: 'verified', strategy: 'passkey' },
    },
  ],
  external_accounts: [
    {
      object: 'google_account',
      id: 'eac_1',
      provider: 'oauth_google',
      identification_id: 'idn_oauth1',
      provider_user_id: '1234',
      approved_scopes: 'email profile',
      email_address: 'alice@example.com',
      first_name: 'Alice',
      last_name: 'Admin',
      image_url: '',
      username: null,
      phone_number: null,
      public_metadata: { source: 'google' },
      label: null,
      verification: verified,
    },
  ],
  public_metadata: { subscription: { tier: 'pro' }, preferences: { theme: 'dark' } },
  private_metadata: { internal: 1 },
  unsafe_metadata: { customData: 'x' },
  external_id: null,
  last_sign_in_at: 1700000002000,
  banned: false,
  locked: false,
  created_at: 1690000000000,
  updated_at: 1700000003000,
  last_active_at: 1700000004000,
  create_organization_enabled: true,
  create_organizations_limit: null,
  delete_self_enabled: true,
  legal_accepted_at: null,
  locale: 'en-US',
};

const noActions: UserActions = {
  createEmailAddress: () => Promise.reject(new Error('unused')),
  getOAuthAccessToken: () => Promise.reject(new Error('unused')),
};

describe('User.fromJSON', () => {
  it("maps every field of the reference's User from Clerk's snake_case JSON", () => {
    const user = User.fromJSON(userJson, noActions);
    expect(user.id).toBe('user_2alice');
    expect(user.firstName).toBe('Alice');
    expect(user.lastName).toBe('Admin');
    expect(user.username).toBe('alice');
    expect(user.imageUrl).toBe('https://img.example.test/alice.png');
    expect(user.hasImage).toBe(true);
    expect(user.primaryEmailAddressId).toBe('idn_email1');
    expect(user.primaryPhoneNumberId).toBe('idn_phone1');
    expect(user.primaryWeb3WalletId).toBeNull();
    expect(user.publicMetadata).toEqual({ subscription: { tier: 'pro' }, preferences: { theme: 'dark' } });
    expect(user.privateMetadata).toEqual({ internal: 1 });
    expect(user.unsafeMetadata).toEqual({ customData: 'x' });
    expect(user.banned).toBe(false);
    expect(user.locked).toBe(false);
    expect(user.createdAt).toBe(1690000000000);
    expect(user.updatedAt).toBe(1700000003000);
    expect(user.lastSignInAt).toBe(1700000002000);
    expect(user.twoFactorEnabled).toBe(true);
    expect(user.backupCodeEnabled).toBe(false);
    expect(user.passwordEnabled).toBe(true);
    expect(user.legalAcceptedAt).toBeNull();
    expect(user.emailAddresses).toEqual([
      {
        id: 'idn_email1',
        emailAddress: 'alice@example.com',
        verification: {
          status: 'verified',
          strategy: 'email_code',
          externalVerificationRedirectURL: null,
          attempts: 1,
          expireAt: 1700000000000,
          nonce: null,
          message: null,
        },
        linkedTo: [{ id: 'idn_oauth1', type: 'oauth_google' }],
      },
      { id: 'idn_email2', emailAddress: 'a2@example.com', verification: null, linkedTo: [] },
    ]);
    expect(user.phoneNumbers[0]).toMatchObject({
      id: 'idn_phone1',
      phoneNumber: '+15555550100',
      reservedForSecondFactor: true,
      defaultSecondFactor: true,
      verification: { status: 'verified', strategy: 'phone_code' },
    });
    expect(user.web3Wallets).toEqual([
      { id: 'idn_w3', web3Wallet: '0x52908400098527886E0F7030069857D2E4169EE7', verification: null },
    ]);
    expect(user.passkeys[0]).toMatchObject({ id: 'idn_pk', name: 'Laptop', lastUsedAt: 1700000001000 });
    expect(user.externalAccounts[0]).toMatchObject({
      id: 'eac_1',
      provider: 'oauth_google',
      providerUserId: '1234',
      externalId: '1234',
      identificationId: 'idn_oauth1',
      approvedScopes: 'email profile',
      publicMetadata: { source: 'google' },
      verification: { status: 'verified', strategy: 'from_oauth_google' },
    });
    // Clerk's extras.
    expect(user.totpEnabled).toBe(true);
    expect(user.lastActiveAt).toBe(1700000004000);
    expect(user.locale).toBe('en-US');
    expect(user.timezone).toBeNull();
    expect(user.raw).toBe(userJson);
  });

  it("has Clerk's convenience getters", () => {
    const user = User.fromJSON(userJson, noActions);
    expect(user.primaryEmailAddress?.emailAddress).toBe('alice@example.com');
    expect(user.primaryPhoneNumber?.phoneNumber).toBe('+15555550100');
    expect(user.primaryWeb3Wallet).toBeNull();
    expect(user.fullName).toBe('Alice Admin');
    expect(User.fromJSON({ ...userJson, first_name: null, last_name: null }, noActions).fullName).toBeNull();
    expect(User.fromJSON({ ...userJson, first_name: null }, noActions).fullName).toBe('Admin');
  });

  it("gives Clerk's defaults for absent lists, metadata and flags", () => {
    const user = User.fromJSON({ id: 'user_min', created_at: 1, updated_at: 2 }, noActions);
    expect(user.emailAddresses).toEqual([]);
    expect(user.passkeys).toEqual([]);
    expect(user.publicMetadata).toEqual({});
    expect(user.banned).toBe(false);
    expect(user.firstName).toBeNull();
    expect(user.imageUrl).toBe('');
  });

  it('rejects JSON that is not a user, naming the field and never its value', () => {
    expect(() => User.fromJSON({ ...userJson, object: 'session' }, noActions)).toThrow(ResourceShapeError);
    expect(() => User.fromJSON({ ...userJson, id: '' }, noActions)).toThrow('user.id is not a non-empty string');
    expect(() => User.fromJSON({ ...userJson, banned: 'no' }, noActions)).toThrow('user.banned is not a boolean');
    expect(() =>
      User.fromJSON({ ...userJson, email_addresses: [{ id: 'idn_x', email_address: 5 }] }, noActions),
    ).toThrow('email_address.email_address is not a non-empty string');
    expect(() => User.fromJSON('alice@example.com', noActions)).toThrow(/^user\.\(root\) is not an object$/);
  });

  it("routes the reference's methods to the Backend API calls, for this user", async () => {
    const calls: unknown[] = [];
    const actions: UserActions = {
      createEmailAddress: async (userId, params) => {
        calls.push(['createEmailAddress', userId, params]);
        return { id: 'idn_new', emailAddress: params.emailAddress, verification: null, linkedTo: [] };
      },
      getOAuthAccessToken: async (userId, provider) => {
        calls.push(['getOAuthAccessToken', userId, provider]);
        return [];
      },
    };
    const user = User.fromJSON(userJson, actions);
    await user.createEmailAddress({ emailAddress: 'new@example.com', verified: true });
    await user.getOAuthAccessToken('google');
    expect(calls).toEqual([
      ['createEmailAddress', 'user_2alice', { emailAddress: 'new@example.com', verified: true }],
      ['getOAuthAccessToken', 'user_2alice', 'google'],
    ]);
  });

  it("is assignable to the reference's public User type", () => {
    expectTypeOf<User>().toExtend<ReferenceUser>();
  });

  // What a Server Component does to hand the user to a Client Component (Flight passes plain data only).
  it('round-trips through JSON as plain data carrying the camelCase fields and nested resources', () => {
    const plain = JSON.parse(JSON.stringify(User.fromJSON(userJson, noActions)));
    expect(plain).toMatchObject({
      id: 'user_2alice',
      firstName: 'Alice',
      lastName: 'Admin',
      hasImage: true,
      primaryEmailAddressId: 'idn_email1',
      primaryWeb3WalletId: null,
      emailAddresses: [
        { id: 'idn_email1', emailAddress: 'alice@example.com', verification: { status: 'verified' } },
        { id: 'idn_email2', emailAddress: 'a2@example.com', verification: null },
      ],
    });
  });
});
