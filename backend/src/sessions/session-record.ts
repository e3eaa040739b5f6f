export const SESSIONS = 'sessions';

/** Clerk's session statuses. `expired` is also derived from `expire_at` when reading. */
export type SessionStatus = 'active' | 'pending' | 'revoked' | 'ended' | 'expired' | 'removed' | 'abandoned';

export interface SessionRecord {
  readonly id: string;
  readonly client_id: string;
  readonly user_id: string;
  readonly status: SessionStatus;
  readonly last_active_organization_id: string | null;
  /** The impersonator (`act` claim), e.g. `{ sub: 'user_…' }`. */
  readonly actor: Readonly<Record<string, unknown>> | null;
  /** When the first / second factor was last verified (ms); `null` = never (second factor: not enrolled). */
  readonly first_factor_verified_at: number | null;
  readonly second_factor_verified_at: number | null;
  /** The authorized party for this session's tokens, if set when it was created. */
  readonly azp: string | null;
  readonly last_active_at: number;
  readonly expire_at: number;
  readonly abandon_at: number;
  readonly created_at: number;
  readonly updated_at: number;
  readonly [key: string]: unknown;
}

/** Clerk's defaults: a session lasts 7 days and is abandoned after 30. */
export const SESSION_LIFETIME_MS = 7 * 24 * 3600 * 1000;
export const SESSION_ABANDON_MS = 30 * 24 * 3600 * 1000;

export function effectiveStatus(session: SessionRecord, now: number): SessionStatus {
  if ((session.status === 'active' || session.status === 'pending') && now >= session.expire_at) return 'expired';
  return session.status;
}

export function canMintTokens(status: SessionStatus): boolean {
  return status === 'active' || status === 'pending';
}
