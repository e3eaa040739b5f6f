/**
 * The `authlens.token.verify` span and the verification-duration histogram.
 * The verifier fills in {@link VerificationFacts} as it learns them (type,
 * header, cache use); {@link finishVerification} turns them into attributes.
 */
import { AttributeName as A, JwksCacheResult, Reason, VerificationResult } from '@authlens/otel';
import type { Attributes, Span } from '@opentelemetry/api';
import type { TokenType } from '../auth-state.js';
import { isTokenVerificationError } from '../token-verification-error.js';
import { instruments } from './instruments.js';
import { isVerificationFailure } from './reasons.js';
import { failSpan } from './span-status.js';

export interface VerificationFacts {
  tokenType: TokenType | null;
  algorithm: string | null;
  kid: string | null;
  expiresAt: number | null;
  notBefore: number | null;
  issuedAt: number | null;
  /** The skew allowed on `exp`/`nbf` (ms), when the token's time claims were checked. */
  clockSkewMs: number | null;
  /** Served from the verified-token cache (no signature check). */
  cacheHit: boolean;
  jwks: JwksCacheResult | null;
  /** The token's `sub` and `sid`: recorded only when a session token was refused for its time claims. */
  subject: string | null;
  sessionId: string | null;
}

export function newVerificationFacts(): VerificationFacts {
  return {
    tokenType: null,
    algorithm: null,
    kid: null,
    expiresAt: null,
    notBefore: null,
    issuedAt: null,
    clockSkewMs: null,
    cacheHit: false,
    jwks: null,
    subject: null,
    sessionId: null,
  };
}

/**
 * What telemetry may say about a JWT: its algorithm, kid and time claims, and its `sub`/`sid` for a refusal by time
 * (never the token or other claims).
 */
export function noteJwtFacts(
  facts: VerificationFacts,
  header: Readonly<{ alg?: unknown; kid?: unknown }>,
  payload: Readonly<Record<string, unknown>>,
): void {
  if (typeof header.alg === 'string') facts.algorithm = header.alg;
  if (typeof header.kid === 'string') facts.kid = header.kid;
  if (typeof payload.exp === 'number' && Number.isInteger(payload.exp)) facts.expiresAt = payload.exp;
  if (typeof payload.nbf === 'number' && Number.isInteger(payload.nbf)) facts.notBefore = payload.nbf;
  if (typeof payload.iat === 'number' && Number.isInteger(payload.iat)) facts.issuedAt = payload.iat;
  if (typeof payload.sub === 'string') facts.subject = payload.sub;
  if (typeof payload.sid === 'string') facts.sessionId = payload.sid;
}

/**
 * Refusals the policy makes after the signature verified: the token is the issuer's own, only too old or too new. Its
 * user and session may then be named, so "alice's token expired" can be found by user or session.
 */
const TIME_REFUSALS: ReadonlySet<Reason> = new Set([Reason.expired, Reason.not_yet_valid, Reason.issued_in_future]);

/** How the JWKS served a verification, from its load count before and after. */
export function jwksCacheResult(loadsBefore: number, loadsAfter: number): JwksCacheResult {
  if (loadsAfter === loadsBefore) return JwksCacheResult.hit;
  return loadsBefore === 0 ? JwksCacheResult.miss : JwksCacheResult.refetch;
}

function reasonOf(error: unknown): Reason {
  return isTokenVerificationError(error) ? error.reason : Reason.verification_failed;
}

/** Ends nothing: sets the span's attributes and status, and records the duration. `error` null = verified. */
export function finishVerification(span: Span, facts: VerificationFacts, seconds: number, error: unknown): void {
  const result = error === null ? VerificationResult.valid : VerificationResult.invalid;
  const reason = error === null ? Reason.valid_token : reasonOf(error);
  const metrics = instruments();
  const recording = span.isRecording();
  if (!metrics && !recording) return;
  const metric: Attributes = { [A.verificationResult]: result, [A.reason]: reason };
  if (facts.tokenType) metric[A.tokenType] = facts.tokenType;
  if (facts.jwks) metric[A.jwksCacheResult] = facts.jwks;
  metrics?.verificationDuration.record(seconds, metric);
  if (!recording) return;
  const attributes: Attributes = { ...metric, [A.verifiedTokenCacheHit]: facts.cacheHit };
  if (facts.algorithm) attributes[A.tokenAlgorithm] = facts.algorithm;
  if (facts.kid) attributes[A.tokenKid] = facts.kid;
  if (facts.expiresAt !== null) attributes[A.tokenExpiresAt] = facts.expiresAt;
  if (facts.notBefore !== null) attributes[A.tokenNotBefore] = facts.notBefore;
  if (facts.issuedAt !== null) attributes[A.tokenIssuedAt] = facts.issuedAt;
  if (facts.clockSkewMs !== null) attributes[A.tokenClockSkewMs] = facts.clockSkewMs;
  if (error !== null && facts.tokenType === 'session_token' && TIME_REFUSALS.has(reason)) {
    if (facts.subject) attributes[A.userId] = facts.subject;
    if (facts.sessionId) attributes[A.sessionId] = facts.sessionId;
  }
  span.setAttributes(attributes);
  if (error !== null && (!isTokenVerificationError(error) || isVerificationFailure(reason))) failSpan(span, error);
}
