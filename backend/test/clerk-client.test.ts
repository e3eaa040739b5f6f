/**
 * Clerk's own client drives the local backend: @clerk/backend's createClerkClient and verifyToken against a real
 * server on 127.0.0.1.
 */
import { createClerkClient, verifyToken } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../src/index.js';
import { startTestBackend } from './support/backend.js';

let backend: RunningBackend;
let clerk: ReturnType<typeof createClerkClient>;
const origin = 'http://localhost:3000';

beforeAll(async () => {
  backend = await startTestBackend({ seed: 'demo', allowedOrigins: [origin] });
  clerk = createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });
});
afterAll(() => backend.close());

async function demoUserId(username: string): Promise<string> {
  const { data } = await clerk.users.getUserList({ username: [username] });
  expect(data).toHaveLength(1);
  return data[0]!.id;
}

describe('users through @clerk/backend', () => {
  it('creates, gets and merges metadata', async () => {
    const created = await clerk.users.createUser({
      emailAddress: ['dora@example.com'],
      username: 'dora',
      firstName: 'Dora',
      lastName: 'Explorer',
      password: 'correct horse battery',
      publicMetadata: { plan: { tier: 'free', seats: 1 }, drop: 'me' },
    });
    expect(created.id).toMatch(/^user_[0-9A-Za-z]{27}$/);
    expect(created.passwordEnabled).toBe(true);
    expect(created.primaryEmailAddress?.emailAddress).toBe('dora@example.com');
    expect(created.primaryEmailAddress?.verification?.status).toBe('verified');
    expect(created.imageUrl).toContain(`/avatars/${created.id}.svg`);

    const fetched = await clerk.users.getUser(created.id);
    expect(fetched.username).toBe('dora');
    expect(fetched.fullName).toBe('Dora Explorer');
    expect(fetched.createdAt).toBeGreaterThan(1_600_000_000_000);

    const merged = await clerk.users.updateUserMetadata(created.id, {
      publicMetadata: { plan: { seats: 5 }, drop: null },
      privateMetadata: { note: 'x' },
    });
    expect(merged.publicMetadata).toEqual({ plan: { tier: 'free', seats: 5 } });
    expect(merged.privateMetadata).toEqual({ note: 'x' });

    const updated = await clerk.users.updateUser(created.id, { firstName: 'Dorothy' });
    expect(updated.firstName).toBe('Dorothy');
  });

  it('lists with filters and counts', async () => {
    const { data, totalCount } = await clerk.users.getUserList({
      emailAddress: ['alice@example.com', 'bob@example.com'],
    });
    expect(data.map((u) => u.username).sort()).toEqual(['alice', 'bob']);
    expect(totalCount).toBe(2);
    const page = await clerk.users.getUserList({ limit: 2, offset: 0, orderBy: '+username' });
    expect(page.data.map((u) => u.username)).toEqual(['alice', 'bob']);
    expect(await clerk.users.getCount()).toBeGreaterThanOrEqual(5);
  });

  it('surfaces an unknown user as ClerkAPIResponseError 404', async () => {
    const error = await clerk.users.getUser('user_doesnotexist').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, errors: [{ code: 'resource_not_found' }] });
    expect((error as { clerkTraceId?: string }).clerkTraceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reports a taken username', async () => {
    const error = await clerk.users.createUser({ username: 'alice' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 422,
      errors: [{ code: 'form_identifier_exists', meta: { paramName: 'username' } }],
    });
  });

  it('exposes the demo data', async () => {
    const alice = await clerk.users.getUser(await demoUserId('alice'));
    expect(alice.publicMetadata).toEqual({ subscription: { tier: 'pro' }, preferences: { theme: 'dark' } });
    const bruno = await clerk.users.getUser(await demoUserId('bruno'));
    expect(bruno.banned).toBe(true);
  });
});

describe('organizations and memberships through @clerk/backend', () => {
  it('creates an org, gets it by id and slug, and manages memberships', async () => {
    const carol = await demoUserId('carol');
    const bob = await demoUserId('bob');
    const org = await clerk.organizations.createOrganization({ name: 'Globex Corp', createdBy: carol });
    expect(org.slug).toBe('globex-corp');
    expect((await clerk.organizations.getOrganization({ slug: 'globex-corp' })).id).toBe(org.id);
    const withCount = await clerk.organizations.getOrganization({ organizationId: org.id, includeMembersCount: true });
    expect(withCount.membersCount).toBe(1);

    const m = await clerk.organizations.createOrganizationMembership({
      organizationId: org.id,
      userId: bob,
      role: 'org:member',
    });
    expect(m.role).toBe('org:member');
    expect(m.permissions).toEqual(['org:team:read', 'org:sys_memberships:read']);
    expect(m.publicUserData?.identifier).toBe('bob@example.com');

    const promoted = await clerk.organizations.updateOrganizationMembership({
      organizationId: org.id,
      userId: bob,
      role: 'org:admin',
    });
    expect(promoted.role).toBe('org:admin');

    const list = await clerk.organizations.getOrganizationMembershipList({ organizationId: org.id });
    expect(list.totalCount).toBe(2);
    expect(list.data.map((x) => x.publicUserData?.userId).sort()).toEqual([bob, carol].sort());

    await clerk.organizations.deleteOrganizationMembership({ organizationId: org.id, userId: bob });
    expect((await clerk.organizations.getOrganizationMembershipList({ organizationId: org.id })).totalCount).toBe(1);

    const mine = await clerk.users.getOrganizationMembershipList({ userId: carol });
    expect(mine.data.map((x) => x.organization.slug)).toEqual(['globex-corp']);

    const deleted = await clerk.organizations.deleteOrganization(org.id);
    expect((deleted as unknown as { deleted: boolean }).deleted).toBe(true);
    const gone = await clerk.organizations.getOrganization({ organizationId: org.id }).catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 404 });
  });

  it('refuses a membership with an unknown role, naming the field', async () => {
    const error = await clerk.organizations
      .createOrganizationMembership({ organizationId: 'acme', userId: await demoUserId('carol'), role: 'org:nope' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 400,
      errors: [{ code: 'form_param_format_invalid', meta: { paramName: 'role' } }],
    });
  });
});

describe('sessions and tokens through @clerk/backend', () => {
  it('mints v2 session tokens that verifyToken accepts through the JWKS and through the jwtKey', async () => {
    const alice = await demoUserId('alice');
    const session = await clerk.sessions.createSession({ userId: alice });
    expect(session.status).toBe('active');
    expect(session.id).toMatch(/^sess_/);

    const { jwt } = await clerk.sessions.getToken(session.id);
    const viaJwks = await verifyToken(jwt, {
      secretKey: backend.secretKey,
      apiUrl: backend.url,
      authorizedParties: [origin],
    });
    expect(viaJwks).toMatchObject({ sub: alice, sid: session.id, v: 2, azp: origin, iss: backend.url, fva: [0, -1] });
    expect(viaJwks.exp - viaJwks.iat).toBe(60);
    expect(viaJwks.iat - (viaJwks.nbf ?? 0)).toBe(10);
    expect(viaJwks.pla).toBe('u:free_user');
    expect(viaJwks.o).toBeUndefined();

    const viaPem = await verifyToken(jwt, { jwtKey: backend.jwtKey });
    expect(viaPem.sub).toBe(alice);
  });

  it('carries the active organization, permissions, billing, pending status, factor ages and actor', async () => {
    const alice = await demoUserId('alice');
    const carol = await demoUserId('carol');
    const res = await fetch(`${backend.url}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${backend.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        user_id: alice,
        active_organization_id: 'acme',
        status: 'pending',
        factor_verification_age: [3, 7],
        actor: { sub: carol },
      }),
    });
    expect(res.status).toBe(200);
    const session = (await res.json()) as { id: string; status: string };
    expect(session.status).toBe('pending');
    const { jwt } = await clerk.sessions.getToken(session.id, undefined, 120);
    const claims = await verifyToken(jwt, { jwtKey: backend.jwtKey });
    expect(claims.sts).toBe('pending');
    expect(claims.fva).toEqual([3, 7]);
    expect(claims.act).toEqual({ sub: carol });
    expect(claims.exp - claims.iat).toBe(120);
    expect(claims.o).toMatchObject({ rol: 'admin', slg: 'acme', per: 'manage,read', fpm: '0,3' });
    expect(claims.fea).toBe('o:reports,o:team');
    expect(claims.pla).toBe('o:pro,u:free_user');
  });

  it('mints template tokens with the template claims and lifetime', async () => {
    const template = await clerk.jwtTemplates.create({
      name: 'profile',
      claims: {
        email: '{{user.primary_email_address}}',
        name: '{{user.first_name}} {{user.last_name}}',
        meta: '{{user.public_metadata}}',
        org: { id: '{{org.id}}', role: '{{org.role}}' },
      },
      lifetime: 300,
      allowedClockSkew: 7,
    });
    expect(template.id).toMatch(/^jtmp_/);
    expect(template.lifetime).toBe(300);

    const alice = await demoUserId('alice');
    const session = await clerk.sessions.createSession({ userId: alice });
    const { jwt } = await clerk.sessions.getToken(session.id, 'profile');
    const claims = await verifyToken(jwt, { jwtKey: backend.jwtKey });
    expect(claims).toMatchObject({
      sub: alice,
      email: 'alice@example.com',
      name: 'Alice Admin',
      meta: { subscription: { tier: 'pro' }, preferences: { theme: 'dark' } },
      org: { id: null, role: null },
    });
    expect(claims.exp - claims.iat).toBe(300);
    expect(claims.iat - (claims.nbf ?? 0)).toBe(7);
    expect(claims.sid).toBeUndefined();

    const missing = await clerk.sessions.getToken(session.id, 'nope').catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404 });
  });

  it('refuses tokens for a revoked session, and sessions for a banned user', async () => {
    const bob = await demoUserId('bob');
    const session = await clerk.sessions.createSession({ userId: bob });
    const revoked = await clerk.sessions.revokeSession(session.id);
    expect(revoked.status).toBe('revoked');
    const error = await clerk.sessions.getToken(session.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, errors: [{ code: 'session_not_active' }] });

    const banned = await clerk.sessions.createSession({ userId: await demoUserId('bruno') }).catch((e: unknown) => e);
    expect(banned).toMatchObject({ status: 403, errors: [{ code: 'user_banned' }] });
  });

  it('lists sessions by user and status', async () => {
    const carol = await demoUserId('carol');
    const a = await clerk.sessions.createSession({ userId: carol });
    await clerk.sessions.createSession({ userId: carol });
    await clerk.sessions.revokeSession(a.id);
    const active = await clerk.sessions.getSessionList({ userId: carol, status: 'active' });
    expect(active.totalCount).toBe(1);
    const all = await clerk.sessions.getSessionList({ userId: carol });
    expect(all.totalCount).toBe(2);
  });
});
