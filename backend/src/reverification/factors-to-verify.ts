/**
 * Which factors the re-verify page asks for, with @clerk/shared's reading of levels (as `has({ reverification })`
 * checks them): `second_factor` is the second factor when there is one, else the first; `multi_factor` is both when
 * there is a second one, else the first.
 */
import type { SessionRecord } from '../sessions/session-record.js';
import type { UserRecord } from '../users/user-record.js';

export type ReverificationLevel = 'first_factor' | 'second_factor' | 'multi_factor';

export interface FactorsToVerify {
  /** `password` when the user has one, else the one-time `code`; null when the first factor is not asked for. */
  first: 'password' | 'code' | null;
  /** Whether the second factor's code is asked for. */
  second: boolean;
}

/** The level a `level` query parameter names; Clerk's modal default (`second_factor`) when absent or unknown. */
export function readLevel(raw: string | null): ReverificationLevel {
  return raw === 'first_factor' || raw === 'multi_factor' ? raw : 'second_factor';
}

/**
 * A session has a second factor when its user has one enrolled (TOTP, backup codes) or the session records one as
 * verified (the sign-in page's `fva_second_factor` can say so for any user).
 */
export function hasSecondFactor(user: UserRecord, session: SessionRecord): boolean {
  return user.totp_enabled || user.backup_code_enabled || session.second_factor_verified_at !== null;
}

export function factorsToVerify(level: ReverificationLevel, user: UserRecord, session: SessionRecord): FactorsToVerify {
  const firstMethod = user.password_digest ? 'password' : 'code';
  const second = hasSecondFactor(user, session);
  switch (level) {
    case 'first_factor':
      return { first: firstMethod, second: false };
    case 'second_factor':
      return second ? { first: null, second: true } : { first: firstMethod, second: false };
    case 'multi_factor':
      return { first: firstMethod, second };
  }
}
