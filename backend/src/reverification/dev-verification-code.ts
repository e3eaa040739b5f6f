import { timingSafeEqual } from 'node:crypto';

/**
 * The one-time code every user "receives" on the re-verify page: the local backend sends no email or SMS and keeps
 * no TOTP secrets, so it accepts Clerk's fixed test-mode verification code, for a first factor without a password
 * (Clerk would email a code) and for the second factor alike. Development only, like the rest of these pages.
 */
export const DEV_VERIFICATION_CODE = '424242';

export function isDevVerificationCode(code: string): boolean {
  const given = Buffer.from(code.trim());
  const expected = Buffer.from(DEV_VERIFICATION_CODE);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
