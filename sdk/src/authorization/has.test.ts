import { createCheckAuthorization } from '@clerk/shared/authorization';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MachineAuthState, SessionAuthState } from '../auth-state.js';
import type { HasParams } from '../types.js';
import { createHas, withOrgPrefix } from './has.js';

function session(overrides: Partial<SessionAuthState> = {}): SessionAuthState {
  return {
    tokenType: 'session_token',
    userId: 'user_1',
    sessionId: 'sess_1',
    sessionStatus: 'active',
    orgId: 'org_1',
    orgRole: 'org:admin',
    orgSlug: 'acme',
    orgPermissions: ['org:team:manage', 'org:billing:read'],
    actor: null,
    factorVerificationAge: [5, 5],
    features: ['o:analytics', 'u:profile', 'ou:export'],
    plans: ['o:pro', 'u:free'],
    claims: { sub: 'user_1', sid: 'sess_1', iat: 0, exp: 0 },
    ...overrides,
  };
}

const machine: MachineAuthState = {
  tokenType: 'm2m_token',
  id: 'mt_1',
  subject: 'mch_1',
  name: null,
  scopes: [],
  claims: null,
  userId: null,
  orgId: null,
  clientId: null,
  expiration: null,
};

describe('createHas', () => {
  it('is false for everything when signed out or for a machine token', () => {
    for (const state of [null, undefined, machine]) {
      const has = createHas(state);
      expect(has({ role: 'admin' })).toBe(false);
      expect(has({ permission: 'org:team:manage' })).toBe(false);
      expect(has({ feature: 'analytics' })).toBe(false);
    }
  });

  it('compares roles and permissions after normalising the org: prefix', () => {
    const has = createHas(session());
    expect(has({ role: 'admin' })).toBe(true);
    expect(has({ role: 'org:admin' })).toBe(true);
    expect(has({ role: 'member' })).toBe(false);
    expect(has({ permission: 'org:team:manage' })).toBe(true);
    expect(has({ permission: 'team:manage' })).toBe(true);
    expect(has({ permission: 'org:team:delete' })).toBe(false);
    expect(withOrgPrefix('org:org:admin')).toBe('org:admin');
  });

  it('needs an active organization for roles and permissions', () => {
    const has = createHas(session({ orgId: null }));
    expect(has({ role: 'admin' })).toBe(false);
    expect(has({ permission: 'org:team:manage' })).toBe(false);
  });

  it('asks every dimension given: role AND permission AND reverification', () => {
    const has = createHas(session());
    expect(has({ role: 'admin', permission: 'org:team:manage' })).toBe(true);
    expect(has({ role: 'admin', permission: 'org:team:delete' })).toBe(false);
    expect(has({ role: 'admin', reverification: 'strict' })).toBe(true);
    expect(has({ role: 'admin', reverification: { level: 'first_factor', afterMinutes: 1 } })).toBe(false);
  });

  it('checks features and plans against fea/pla, with scopes', () => {
    const has = createHas(session());
    expect(has({ feature: 'analytics' })).toBe(true);
    expect(has({ feature: 'org:analytics' })).toBe(true);
    expect(has({ feature: 'o:analytics' })).toBe(true);
    expect(has({ feature: 'user:analytics' })).toBe(false);
    expect(has({ feature: 'user:profile' })).toBe(true);
    expect(has({ feature: 'org:export' })).toBe(true);
    expect(has({ feature: 'user:export' })).toBe(true);
    expect(has({ feature: 'nope:analytics' })).toBe(false);
    expect(has({ plan: 'pro' })).toBe(true);
    expect(has({ plan: 'user:pro' })).toBe(false);
    expect(has({ plan: 'u:free' })).toBe(true);
    expect(createHas(session({ features: [] }))({ feature: 'analytics' })).toBe(false);
  });

  it('is false when asked for nothing', () => {
    expect(createHas(session())({})).toBe(false);
    expect(createHas(session())(undefined as unknown as HasParams)).toBe(false);
  });

  it('rejects non-string parameters', () => {
    const has = createHas(session());
    expect(has({ role: 42 as unknown as string })).toBe(false);
    expect(has({ feature: ['analytics'] as unknown as string })).toBe(false);
  });

  // --- properties -----------------------------------------------------------
  // Small alphabets, so that what is asked is often what is held.
  const ident = fc.constantFrom('a', 'b', 'c');
  const roleLike = fc.oneof(
    ident,
    ident.map((r) => `org:${r}`),
  );
  const permissionName = fc.tuple(ident, ident).map(([f, p]) => `${f}:${p}`);
  const scoped = fc.tuple(fc.constantFrom('o', 'u', 'ou', 'uo', 'org', 'user'), ident).map(([s, n]) => `${s}:${n}`);
  const age = fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 120 }));
  const stateArb = fc.record({
    orgId: fc.option(fc.constant('org_1'), { nil: null, freq: 4 }),
    orgRole: fc.option(roleLike, { nil: null, freq: 4 }),
    orgPermissions: fc.option(
      fc.array(
        permissionName.map((p) => `org:${p}`),
        { maxLength: 6 },
      ),
      { nil: null, freq: 4 },
    ),
    factorVerificationAge: fc.option(fc.tuple(age, age), { nil: null, freq: 4 }),
    features: fc.array(scoped, { maxLength: 5 }),
    plans: fc.array(scoped, { maxLength: 3 }),
  });
  const reverificationArb = fc.oneof(
    fc.constantFrom('strict_mfa', 'strict', 'moderate', 'lax') as fc.Arbitrary<HasParams['reverification']>,
    fc.record({
      level: fc.constantFrom('first_factor', 'second_factor', 'multi_factor'),
      afterMinutes: fc.integer({ min: 1, max: 120 }),
    }) as fc.Arbitrary<HasParams['reverification']>,
  );
  const featureArb = fc.oneof(
    ident,
    fc.tuple(fc.constantFrom('org', 'o', 'user', 'u', 'organization', 'x'), ident).map(([s, n]) => `${s}:${n}`),
  );
  const single: fc.Arbitrary<HasParams> = fc.oneof(
    roleLike.map((role) => ({ role })),
    fc
      .oneof(
        permissionName,
        permissionName.map((p) => `org:${p}`),
      )
      .map((permission) => ({ permission })),
    featureArb.map((feature) => ({ feature })),
    featureArb.map((plan) => ({ plan })),
    reverificationArb.map((reverification) => ({ reverification })),
  );
  const paramsArb: fc.Arbitrary<HasParams> = fc.oneof(
    { arbitrary: single, weight: 3 },
    { arbitrary: fc.tuple(single, single).map(([a, b]) => ({ ...a, ...b })), weight: 2 },
    { arbitrary: fc.constant({}), weight: 1 },
  );

  it('agrees with @clerk/shared createCheckAuthorization on random states and params (property)', () => {
    const outcomes = { granted: 0, denied: 0 };
    fc.assert(
      fc.property(stateArb, paramsArb, (s, params) => {
        const ours = createHas(session(s))(params);
        outcomes[ours ? 'granted' : 'denied']++;
        const clerk = createCheckAuthorization({
          userId: 'user_1',
          orgId: s.orgId ?? undefined,
          orgRole: s.orgRole ?? undefined,
          orgPermissions: s.orgPermissions ?? undefined,
          factorVerificationAge: s.factorVerificationAge,
          features: s.features.join(','),
          plans: s.plans.join(','),
        } as any)(params as any);
        expect(ours).toBe(clerk);
      }),
      { numRuns: 2000 },
    );
    // Not vacuous: the generators reach both answers often.
    expect(outcomes.granted).toBeGreaterThan(100);
    expect(outcomes.denied).toBeGreaterThan(100);
  });

  it('a role the state holds is granted under any spelling of the prefix; an extra dimension can only narrow (property)', () => {
    fc.assert(
      fc.property(ident, fc.nat({ max: 3 }), paramsArb, (role, prefixes, extra) => {
        const has = createHas(session({ orgRole: `org:${role}` }));
        expect(has({ role: `${'org:'.repeat(prefixes)}${role}` })).toBe(true);
        if (has({ ...extra, role })) expect(has({ role })).toBe(true);
        if (!has({ role: 'zzzzzzz' })) expect(has({ ...extra, role: 'zzzzzzz' })).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
