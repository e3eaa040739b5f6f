import { valuesOf } from './define-values.js';

/** The session status from the token `sts` claim (absent means `active`). */
export const SESSION_STATUS_DESCRIPTIONS = {
  active: 'A complete, signed-in session.',
  pending:
    'A session with tasks left (for example choosing an organization); signed in unless `treatPendingAsSignedOut`.',
  expired: 'The session has expired.',
  abandoned: 'The session was abandoned.',
  removed: 'The session was removed (signed out elsewhere).',
} as const;

export const SessionStatus = valuesOf(SESSION_STATUS_DESCRIPTIONS);
export type SessionStatus = keyof typeof SESSION_STATUS_DESCRIPTIONS;
