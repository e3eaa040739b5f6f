import { __experimental_JWTPayloadToAuthObjectProperties as clerkParse } from '@clerk/shared/jwtPayloadParser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeV2Permissions, encodeV2Permissions } from './encode-v2-permissions.js';

describe('encodeV2Permissions', () => {
  it('encodes the demo admin role as Clerk does', () => {
    const encoded = encodeV2Permissions(
      ['org:team:manage', 'org:team:read', 'org:sys_memberships:manage', 'org:sys_memberships:read'],
      ['reports'],
    );
    expect(encoded).toEqual({ orgFeatures: ['reports', 'team', 'sys_memberships'], per: 'manage,read', fpm: '0,3,3' });
  });

  it('sets only the bits of granted permissions', () => {
    const encoded = encodeV2Permissions(['org:team:read', 'org:billing:manage'], []);
    expect(encoded).toEqual({ orgFeatures: ['team', 'billing'], per: 'read,manage', fpm: '1,2' });
  });

  it('has no per/fpm without permissions', () => {
    expect(encodeV2Permissions([], ['reports'])).toEqual({ orgFeatures: ['reports'], per: '', fpm: '' });
  });

  it("round-trips through Clerk's own claim parser for any permission set", () => {
    const part = fc.stringMatching(/^[a-z][a-z_]{0,6}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(part, part).map(([f, p]) => `org:${f}:${p}`),
          { maxLength: 40 },
        ),
        fc.uniqueArray(part, { maxLength: 3 }),
        (keys, billing) => {
          const { orgFeatures, per, fpm } = encodeV2Permissions(keys, billing);
          expect(new Set(decodeV2Permissions(orgFeatures, per, fpm))).toEqual(new Set(keys));
          const parsed = clerkParse({
            v: 2,
            sub: 'user_1',
            sid: 'sess_1',
            fea: orgFeatures.map((f) => `o:${f}`).join(','),
            o: { id: 'org_1', rol: 'admin', slg: 'acme', per, fpm },
          } as never);
          expect(new Set(parsed.orgPermissions)).toEqual(new Set(keys));
        },
      ),
    );
  });
});
