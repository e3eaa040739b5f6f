/** What @clerk/backend's machine-token resources say about a credential's time and revocation. */
export interface TokenLifetime {
  /** Unix ms, or null for a credential that never expires. */
  expiration: number | null;
  revoked: boolean;
}

export type TokenStatus = 'active' | 'revoked' | 'expired';

/** Unix ms when a credential created at `nowMs` expires; null (never) when no lifetime is given. */
export function expirationFrom(nowMs: number, secondsUntilExpiration: number | null | undefined): number | null {
  if (secondsUntilExpiration === null || secondsUntilExpiration === undefined) return null;
  return nowMs + secondsUntilExpiration * 1000;
}

/** Expired from its expiration instant on (inclusive), like a JWT's `exp`. */
export function isExpired(lifetime: TokenLifetime, nowMs: number): boolean {
  return lifetime.expiration !== null && nowMs >= lifetime.expiration;
}

/** Revocation wins over expiry: a revoked credential stays revoked whatever its clock says. */
export function tokenStatus(lifetime: TokenLifetime, nowMs: number): TokenStatus {
  if (lifetime.revoked) return 'revoked';
  if (isExpired(lifetime, nowMs)) return 'expired';
  return 'active';
}
