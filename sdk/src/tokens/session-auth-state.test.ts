import { __experimental_JWTPayloadToAuthObjectProperties as clerkParse } from '@clerk/shared/jwtPayloadParser';
import { describe, expect, it } from 'vitest';
import { toSessionAuthState } from './session-auth-state.js';

const base = { sub: 'user_1', sid: 'sess_1', exp: 2_000_000_000, iat: 1_999_999_000 };

function reasonOf(claims: Record<string, unknown>): string | null {
  try {
    toSessionAuthState(claims);
    return null;
  } catch (error) {
    return (error as { reason: string }).reason;
  }
}

/** Clerk's parse, with its `undefined`s as our `null`s. */
function clerkView(claims: Record<string, unknown>) {
  const c = clerkParse(claims as any);
  return {
    userId: c.userId,
    sessionId: c.sessionId,
    orgId: c.orgId ?? null,
    orgRole: c.orgRole ?? null,
    orgSlug: c.orgSlug ?? null,
    orgPermissions: c.orgPermissions ?? null,
    actor: c.actor ?? null,
    factorVerificationAge: c.factorVerificationAge ?? null,
  };
}

describe('toSessionAuthState', () => {
  it('reads a v1 token with an organization', () => {
    const claims = {
      ...base,
      sts: 'active',
      org_id: 'org_1',
      org_role: 'org:admin',
      org_slug: 'acme',
      org_permissions: ['org:team:manage'],
      fva: [3, -1],
      act: { sub: 'user_admin' },
    };
    const state = toSessionAuthState(claims);
    expect(state).toMatchObject({
      tokenType: 'session_token',
      userId: 'user_1',
      sessionId: 'sess_1',
      sessionStatus: 'active',
      orgId: 'org_1',
      orgRole: 'org:admin',
      orgSlug: 'acme',
      orgPermissions: ['org:team:manage'],
      actor: { sub: 'user_admin' },
      factorVerificationAge: [3, -1],
      claims,
    });
    expect(pick(state)).toEqual(clerkView(claims));
  });

  it('reads a v2 token: role gets its org: prefix, permissions come from fea/per/fpm', () => {
    const claims = {
      ...base,
      v: 2,
      sts: 'pending',
      fea: 'o:dashboard,u:profile,ou:team',
      pla: 'u:free,o:pro',
      o: { id: 'org_2', rol: 'admin', slg: 'acme', per: 'read,manage', fpm: '1,3' },
    };
    const state = toSessionAuthState(claims);
    expect(state.orgRole).toBe('org:admin');
    expect(state.orgPermissions).toEqual(['org:dashboard:read', 'org:team:read', 'org:team:manage']);
    expect(state.sessionStatus).toBe('pending');
    expect(state.features).toEqual(['o:dashboard', 'u:profile', 'ou:team']);
    expect(state.plans).toEqual(['u:free', 'o:pro']);
    expect(pick(state)).toEqual(clerkView(claims));
  });

  it('has no organization when v2 has no o, or v1 has no org_id', () => {
    for (const claims of [{ ...base, v: 2, fea: 'u:x' }, { ...base }]) {
      const state = toSessionAuthState(claims);
      expect([state.orgId, state.orgRole, state.orgSlug, state.orgPermissions]).toEqual([null, null, null, null]);
      expect(pick(state)).toEqual(clerkView(claims));
    }
  });

  it('defaults sessionStatus to active when sts is absent', () => {
    expect(toSessionAuthState(base).sessionStatus).toBe('active');
  });

  it('refuses a token without sid (a JWT-template token) as wrong_token_type', () => {
    expect(reasonOf({ sub: 'user_1', exp: 1 })).toBe('wrong_token_type');
  });

  it('refuses a v2 fea entry without a scope as invalid_claims (Clerk throws on it too)', () => {
    const claims = { ...base, v: 2, fea: 'o:a,broken', o: { id: 'org_1', rol: 'admin', per: 'read', fpm: '1' } };
    expect(reasonOf(claims)).toBe('invalid_claims');
    expect(() => clerkParse(claims as any)).toThrow();
  });

  it('returns a frozen state (it is shared through the cache)', () => {
    expect(Object.isFrozen(toSessionAuthState(base))).toBe(true);
  });
});

function pick(state: ReturnType<typeof toSessionAuthState>) {
  const { userId, sessionId, orgId, orgRole, orgSlug, orgPermissions, actor, factorVerificationAge } = state;
  return { userId, sessionId, orgId, orgRole, orgSlug, orgPermissions, actor, factorVerificationAge };
}
