import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '../sessions/session-record.js';
import type { UserRecord } from '../users/user-record.js';
import { factorsToVerify, readLevel } from './factors-to-verify.js';

const user = (over: Partial<UserRecord> = {}) =>
  ({ password_digest: null, totp_enabled: false, backup_code_enabled: false, ...over }) as UserRecord;
const session = (second: number | null = null) => ({ second_factor_verified_at: second }) as SessionRecord;

describe('factorsToVerify', () => {
  it('asks a user without a second factor for the first one at every level', () => {
    for (const level of ['first_factor', 'second_factor', 'multi_factor'] as const) {
      expect(factorsToVerify(level, user(), session())).toEqual({ first: 'code', second: false });
      expect(factorsToVerify(level, user({ password_digest: 'scrypt$a$b' }), session())).toEqual({
        first: 'password',
        second: false,
      });
    }
  });

  it('with a second factor (enrolled, or verified on the session): second_factor asks only it, multi_factor both', () => {
    for (const [u, s] of [
      [user({ totp_enabled: true }), session()],
      [user(), session(Date.now())],
    ] as const) {
      expect(factorsToVerify('first_factor', u, s)).toEqual({ first: 'code', second: false });
      expect(factorsToVerify('second_factor', u, s)).toEqual({ first: null, second: true });
      expect(factorsToVerify('multi_factor', u, s)).toEqual({ first: 'code', second: true });
    }
  });

  it("reads the level parameter, defaulting to Clerk's second_factor", () => {
    expect(readLevel('first_factor')).toBe('first_factor');
    expect(readLevel('multi_factor')).toBe('multi_factor');
    expect(readLevel(null)).toBe('second_factor');
    expect(readLevel('strict')).toBe('second_factor');
  });
});
