import { parsePermissions } from '@clerk/shared/jwtPayloadParser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimalToBits,
  decodeFeaturePermissions,
  encodeFeaturePermissions,
  InvalidScopedClaimError,
  splitScopedClaim,
} from './feature-permissions.js';

describe('splitScopedClaim', () => {
  it('puts o: in org, u: in user, ou:/uo: in both, in order, and ignores other scopes', () => {
    expect(splitScopedClaim('o:dashboard,u:profile,ou:reports, uo:billing,x:ignored')).toEqual({
      org: ['dashboard', 'reports', 'billing'],
      user: ['profile', 'reports', 'billing'],
    });
    expect(splitScopedClaim(undefined)).toEqual({ org: [], user: [] });
  });

  it('refuses an entry without a scope', () => {
    expect(() => splitScopedClaim('o:a,naked')).toThrow(InvalidScopedClaimError);
  });
});

describe('decimalToBits', () => {
  it('reads least significant bit first, beyond 2^53', () => {
    expect(decimalToBits('0')).toEqual([]);
    expect(decimalToBits('6')).toEqual([0, 1, 1]);
    expect(decimalToBits((2n ** 60n + 1n).toString())).toEqual([1, ...Array(59).fill(0), 1]);
    expect(decimalToBits('-1')).toBeNull();
    expect(decimalToBits('0x3')).toBeNull();
  });
});

describe('decodeFeaturePermissions', () => {
  it('pairs org features in order with the fpm masks over per', () => {
    // features: dashboard (o), profile (u, skipped), team (ou); per: read,manage; fpm: 1 → read, 3 → read+manage
    expect(decodeFeaturePermissions({ fea: 'o:dashboard,u:profile,ou:team', per: 'read,manage', fpm: '1,3' })).toEqual([
      'org:dashboard:read',
      'org:team:read',
      'org:team:manage',
    ]);
  });

  it('grants nothing without per or fpm, and skips a non-decimal mask', () => {
    expect(decodeFeaturePermissions({ fea: 'o:a', per: 'read' })).toEqual([]);
    expect(decodeFeaturePermissions({ fea: 'o:a', fpm: '1' })).toEqual([]);
    expect(decodeFeaturePermissions({ fea: 'o:a,o:b', per: 'read', fpm: 'x,1' })).toEqual(['org:b:read']);
  });

  it('ignores bits beyond the permission list and masks beyond the features', () => {
    expect(decodeFeaturePermissions({ fea: 'o:a', per: 'read', fpm: '7,1' })).toEqual(['org:a:read']);
  });

  const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
  const scenario = fc
    .record({
      features: fc.uniqueArray(name, { maxLength: 6 }),
      userOnly: fc.uniqueArray(name, { maxLength: 3 }),
      permissions: fc.uniqueArray(name, { minLength: 1, maxLength: 70 }),
    })
    .chain((s) =>
      fc.record({
        s: fc.constant(s),
        granted: fc.subarray(s.features.flatMap((f) => s.permissions.map((p) => `org:${f}:${p}`))),
        scopes: fc.array(fc.constantFrom('o', 'ou', 'uo'), {
          minLength: s.features.length,
          maxLength: s.features.length,
        }),
      }),
    );

  it('decode ∘ encode is the identity on granted sets (property)', () => {
    fc.assert(
      fc.property(scenario, ({ s, granted, scopes }) => {
        const { per, fpm } = encodeFeaturePermissions(s.features, s.permissions, granted);
        const orgEntries = s.features.map((f, i) => `${scopes[i]}:${f}`);
        const userEntries = s.userOnly.filter((u) => !s.features.includes(u)).map((u) => `u:${u}`);
        // User-scoped features may sit anywhere in fea: only org-scoped ones pair with fpm.
        const fea = [...userEntries.slice(0, 1), ...orgEntries, ...userEntries.slice(1)].join(',');
        const decoded = decodeFeaturePermissions({ fea, per, fpm });
        expect(new Set(decoded)).toEqual(new Set(granted));
        expect(decoded).toHaveLength(granted.length);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees bit for bit with @clerk/shared on arbitrary masks (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 70 }),
        fc.array(fc.bigInt({ min: 0n, max: 2n ** 80n }), { minLength: 1, maxLength: 5 }),
        (permissions, masks) => {
          const per = permissions.join(',');
          const fpm = masks.map(String).join(',');
          const clerk = parsePermissions({ per, fpm });
          masks.forEach((mask, i) => {
            const bits = decimalToBits(mask.toString())!;
            const ours = permissions.map((_, j) => bits[j] ?? 0);
            expect(ours).toEqual(clerk.featurePermissionMap[i]!.slice(0, permissions.length));
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
