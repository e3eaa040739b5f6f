import { ApiError } from '../http/api-error.js';
import type { UserRecord } from './user-record.js';

/** Banned and locked users cannot start sessions (Clerk's sign-in refuses them with these codes). */
export function assertCanSignIn(user: UserRecord): void {
  if (user.banned) {
    throw new ApiError(403, 'user_banned', 'This account is banned.', {
      longMessage: 'This account is banned and cannot sign in.',
    });
  }
  if (user.locked) {
    throw new ApiError(403, 'user_locked', 'This account is locked.', {
      longMessage: 'This account is locked and cannot sign in until it is unlocked.',
    });
  }
}
