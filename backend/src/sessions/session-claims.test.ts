import { __experimental_JWTPayloadToAuthObjectProperties as clerkParse } from '@clerk/shared/jwtPayloadParser';
import { describe, expect, it } from 'vitest';
import { buildSessionClaims, type SessionClaimsInput } from './session-claims.js';

const base: SessionClaimsInput = {
  userId: 'user_a',
  sessionId: 'sess_a',
  status: 'active',
  organization: null,
  userPlans: [],
  userFeatures: [],
  factorVerificationAge: [0, -1],
  actor: null,
  azp: null,
  issuer: 'http://127.0.0.1:4000',
  issuedAt: 1_700_000_000,
  lifetimeSeconds: 60,
  jti: 'abc',
};

describe('buildSessionClaims', () => {
  it('has the v2 core claims and Clerk times (nbf 10 s before iat, exp after the lifetime)', () => {
    const claims = buildSessionClaims(base);
    expect(claims).toEqual({
      exp: 1_700_000_060,
      fva: [0, -1],
      iat: 1_700_000_000,
      iss: 'http://127.0.0.1:4000',
      jti: 'abc',
      nbf: 1_699_999_990,
      sid: 'sess_a',
      sub: 'user_a',
      v: 2,
    });
  });

  it('adds sts only for pending sessions, and act and azp when given', () => {
    const claims = buildSessionClaims({
      ...base,
      status: 'pending',
      actor: { sub: 'user_b' },
      azp: 'http://localhost:3000',
    });
    expect(claims.sts).toBe('pending');
    expect(claims.act).toEqual({ sub: 'user_b' });
    expect(claims.azp).toBe('http://localhost:3000');
  });

  it("encodes the organization so Clerk's parser reads back role, slug and permissions", () => {
    const claims = buildSessionClaims({
      ...base,
      organization: {
        id: 'org_acme',
        slug: 'acme',
        role: 'org:admin',
        permissions: ['org:team:manage', 'org:team:read', 'org:sys_memberships:read'],
        plans: ['pro'],
        features: ['reports'],
      },
      userPlans: ['free_user'],
    });
    expect(claims.o).toEqual({ id: 'org_acme', rol: 'admin', slg: 'acme', per: 'manage,read', fpm: '0,3' });
    expect(claims.fea).toBe('o:reports,o:team');
    expect(claims.pla).toBe('o:pro,u:free_user');
    const parsed = clerkParse(claims as never);
    expect(parsed.orgId).toBe('org_acme');
    expect(parsed.orgRole).toBe('org:admin');
    expect(parsed.orgSlug).toBe('acme');
    // System permissions stay out of the token, as with Clerk.
    expect(parsed.orgPermissions?.sort()).toEqual(['org:team:manage', 'org:team:read']);
  });
});
