/**
 * What a request's credential says about the caller, once verified. tokens/
 * produces it, authorization/ reads it, next/ hands it from the middleware to
 * the render and builds the public auth objects from it.
 */

export type MachineTokenType = 'm2m_token' | 'oauth_token' | 'api_key';
export type TokenType = 'session_token' | MachineTokenType;

/** Where the credential came from. */
export type TokenSource = 'cookie' | 'header' | 'none';

/** `act` claim: who is impersonating the user. */
export interface ActClaim {
  sub: string;
  [key: string]: unknown;
}

/** Claims of a Clerk session token, v1 and v2 (`v: 2` puts the organization in `o`). */
export interface SessionTokenClaims {
  sub: string;
  sid: string;
  sts?: string;
  v?: number;
  azp?: string;
  iss?: string;
  iat: number;
  nbf?: number;
  exp: number;
  act?: ActClaim;
  /** [factor-one age, factor-two age] in minutes; -1 when that factor is not enrolled. */
  fva?: [number, number];
  o?: { id: string; rol?: string; slg?: string; per?: string; fpm?: string };
  org_id?: string;
  org_role?: string;
  org_slug?: string;
  org_permissions?: string[];
  pla?: string;
  fea?: string;
  [key: string]: unknown;
}

/**
 * A verified session. tokens/ caches it per token and hands the same frozen
 * object to every request carrying that token: read it, copy before changing.
 */
export interface SessionAuthState {
  tokenType: 'session_token';
  userId: string;
  sessionId: string;
  /** `sts`, defaulting to 'active' when the claim is absent. */
  sessionStatus: string;
  orgId: string | null;
  orgRole: string | null;
  orgSlug: string | null;
  orgPermissions: string[] | null;
  actor: ActClaim | null;
  factorVerificationAge: [number, number] | null;
  /** Entries of `fea` and `pla`, with their scope prefixes (`o:`, `u:`, `ou:`/`uo:`) kept. */
  features: string[];
  plans: string[];
  claims: SessionTokenClaims;
}

export interface MachineAuthState {
  tokenType: MachineTokenType;
  /** The token's id (`mt_…`, `oat_…`, `ak_…` record id). */
  id: string;
  /** `mch_…` for m2m, the user or org for API keys and OAuth. */
  subject: string;
  name: string | null;
  scopes: string[];
  claims: Record<string, unknown> | null;
  userId: string | null;
  orgId: string | null;
  clientId: string | null;
  expiration: number | null;
}

export type VerifiedAuthState = SessionAuthState | MachineAuthState;
