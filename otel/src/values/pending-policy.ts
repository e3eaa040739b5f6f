import { valuesOf } from './define-values.js';

/** How a pending session was treated by `auth()`, `auth.protect()` or `currentUser()`. */
export const PENDING_POLICY_DESCRIPTIONS = {
  as_signed_in: 'Pending sessions count as signed in (the default, `treatPendingAsSignedOut: false`).',
  as_signed_out: 'Pending sessions count as signed out (`treatPendingAsSignedOut: true`).',
} as const;

export const PendingPolicy = valuesOf(PENDING_POLICY_DESCRIPTIONS);
export type PendingPolicy = keyof typeof PENDING_POLICY_DESCRIPTIONS;
