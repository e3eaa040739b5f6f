import type { BackendCall, CurrentUserCall, DecisionRecord, ProtectCall, Verification } from './decision-record.js';
import { SpanName } from './span-names.js';
import { DedupeResult } from './values/dedupe-result.js';
import { JwksCacheResult } from './values/jwks-cache-result.js';
import { Outcome } from './values/outcome.js';
import { PendingPolicy } from './values/pending-policy.js';
import { ProtectRequirementKind } from './values/protect-requirement-kind.js';
import { Reason } from './values/reason.js';
import { SessionStatus } from './values/session-status.js';
import { TokenSource } from './values/token-source.js';
import { TokenType } from './values/token-type.js';
import { VerificationResult } from './values/verification-result.js';

const OUTCOME_LABELS: { readonly [O in Outcome]: string } = {
  [Outcome.signed_in]: 'signed in',
  [Outcome.signed_out]: 'signed out',
  [Outcome.handshake]: 'handshake with the Frontend API',
  [Outcome.allowed]: 'allowed',
  [Outcome.redirect_sign_in]: 'redirect to sign-in',
  [Outcome.redirect_sign_up]: 'redirect to sign-up',
  [Outcome.redirect_unauthenticated_url]: 'redirect to unauthenticatedUrl',
  [Outcome.redirect_unauthorized_url]: 'redirect to unauthorizedUrl',
  [Outcome.not_found]: '404',
  [Outcome.unauthorized]: '401',
};

const JWKS_LABELS: { readonly [R in JwksCacheResult]: string } = {
  [JwksCacheResult.hit]: 'JWKS cache hit',
  [JwksCacheResult.miss]: 'JWKS fetched',
  [JwksCacheResult.refetch]: 'JWKS refetched for a new kid',
  [JwksCacheResult.jwt_key]: 'networkless with CLERK_JWT_KEY',
};

/** Reasons that say the request was not (usably) signed in, as opposed to signed in but not authorized. */
const SIGNED_OUT_REASONS: ReadonlySet<Reason> = new Set<Reason>([
  Reason.missing_token,
  Reason.pending_as_signed_out,
  Reason.expired,
  Reason.not_yet_valid,
  Reason.bad_signature,
  Reason.unknown_kid,
  Reason.wrong_azp,
  Reason.malformed,
  Reason.wrong_token_type,
  Reason.unsupported_alg,
  Reason.machine_token_invalid,
  Reason.issued_in_future,
  Reason.invalid_claims,
  Reason.wrong_issuer,
  Reason.wrong_audience,
  Reason.machine_token_unverified,
  Reason.machine_token_malformed,
  Reason.refused_recently,
  Reason.budget_reserved,
  Reason.key_unavailable,
  Reason.invalid_key,
  Reason.verification_failed,
  Reason.token_type_not_accepted,
  Reason.session_token_without_client_uat,
  Reason.client_uat_without_session_token,
  Reason.session_token_iat_before_client_uat,
  Reason.dev_browser_missing,
  Reason.dev_browser_sync,
  Reason.cross_origin_sync,
  Reason.handshake_loop,
  Reason.handshake_token_invalid,
  Reason.handshake_nonce_unresolved,
]);

/**
 * The sentences the dashboard shows for one decision, in the order things happened: who the request was, what
 * `auth.protect()` decided, what `currentUser()` and the Backend API cost, what failed. A formatter over the record's
 * fields; it never reads anything the record does not hold.
 */
export function explainDecision(record: DecisionRecord): string[] {
  const sentences: string[] = [];
  const identity = explainIdentity(record);
  if (identity) sentences.push(identity);
  for (const verification of record.verifications) {
    if (verification.result === VerificationResult.valid) sentences.push(explainValidVerification(verification));
  }
  for (const call of record.protectCalls) sentences.push(explainProtect(call, record));
  const redirected = record.outcome === Outcome.redirect_sign_in || record.outcome === Outcome.redirect_sign_up;
  if (redirected && record.protect?.outcome !== record.outcome) {
    // The app's own redirectToSignIn/Up(), not a protect call: say so, with where it went.
    const method = record.outcome === Outcome.redirect_sign_up ? 'redirectToSignUp()' : 'redirectToSignIn()';
    const to = record.redirectTarget ? ` (${record.redirectTarget})` : '';
    sentences.push(`${method} → ${OUTCOME_LABELS[record.outcome!]}${to}`);
  }
  for (const call of record.currentUserCalls) sentences.push(explainCurrentUser(call));
  for (const call of record.backendCalls) sentences.push(explainBackendCall(call));
  for (const call of record.getTokenCalls) {
    const asked = call.template ? `getToken({ template: '${call.template}' })` : 'getToken()';
    sentences.push(
      call.errorType ? `${asked} failed: ${call.errorType}` : `${asked} in ${milliseconds(call.durationMs)}`,
    );
  }
  for (const error of record.errors) {
    if (error.spanName === SpanName.backendRequest || error.spanName === SpanName.getToken) continue;
    sentences.push(`${error.spanName} failed: ${error.errorType ?? error.message ?? 'error'}`);
  }
  return sentences;
}

function explainIdentity(record: DecisionRecord): string | null {
  if (record.outcome === Outcome.handshake) {
    const why = record.reason ? describeRejection(record.reason, null, record) : 'session cookies to refresh';
    return `${why} → handshake with the Frontend API`;
  }
  const rejected = [...record.verifications].reverse().find((v) => v.result === VerificationResult.invalid);
  if (rejected?.reason) return `${describeRejection(rejected.reason, rejected, record)} → signed out`;

  const reasons = [record.reason, ...record.protectCalls.map((call) => call.reason)];
  if (record.tokenSource === TokenSource.none || reasons.includes(Reason.missing_token)) {
    return 'no session cookie or Bearer token → signed out';
  }
  if (record.sessionStatus === SessionStatus.pending || reasons.includes(Reason.pending_as_signed_out)) {
    return record.pendingPolicy === PendingPolicy.as_signed_out || reasons.includes(Reason.pending_as_signed_out)
      ? 'pending session treated as signed out (treatPendingAsSignedOut)'
      : 'pending session treated as signed in (default)';
  }
  if (record.acceptsTokenMatched === false || record.reason === Reason.token_type_not_accepted) {
    return `${record.tokenType ?? 'token'} presented, accepts ${(record.acceptsToken ?? []).join(', ') || 'another type'} → signed out`;
  }
  const failure = reasons.find((reason): reason is Reason => reason !== null && SIGNED_OUT_REASONS.has(reason));
  if (failure) return `${describeRejection(failure, null, record)} → signed out`;

  if (record.userId === null) return null;
  if (record.tokenType !== null && record.tokenType !== TokenType.session_token) {
    return `${record.tokenType} for ${record.userId} verified → authenticated`;
  }
  const session = record.sessionId
    ? ` (session ${record.sessionId}${record.sessionStatus ? `, ${record.sessionStatus}` : ''})`
    : '';
  return `signed in as ${record.userId}${session}`;
}

function describeRejection(reason: Reason, verification: Verification | null, record: DecisionRecord): string {
  switch (reason) {
    case Reason.expired: {
      const ago = verification?.expiresAt != null ? verification.timeMs / 1000 - verification.expiresAt : null;
      return ago !== null && ago >= 0 ? `token expired ${seconds(ago)} ago` : 'token expired';
    }
    case Reason.not_yet_valid: {
      const until = verification?.notBefore != null ? verification.notBefore - verification.timeMs / 1000 : null;
      return until !== null && until >= 0 ? `token not valid for another ${seconds(until)}` : 'token not valid yet';
    }
    case Reason.bad_signature:
      return 'token signature does not verify';
    case Reason.unknown_kid:
      return `token signed with an unknown key${verification?.kid ? ` (kid ${verification.kid})` : ''}`;
    case Reason.wrong_azp:
      return 'token issued for another origin (azp not authorized)';
    case Reason.malformed:
      return 'token is malformed';
    case Reason.wrong_token_type:
      return 'token is not a session token (e.g. a JWT-template token)';
    case Reason.unsupported_alg:
      return verification?.algorithm
        ? `token algorithm ${verification.algorithm} is not supported`
        : 'token algorithm is not supported';
    case Reason.machine_token_invalid:
      return `${verification?.tokenType ?? record.tokenType ?? 'machine token'} rejected (invalid, revoked or expired)`;
    case Reason.issued_in_future:
      return 'token issued in the future (check the server clock)';
    case Reason.invalid_claims:
      return 'token claims have the wrong shape';
    case Reason.wrong_issuer:
      return 'token issued by another instance (iss)';
    case Reason.wrong_audience:
      return 'token audience (aud) not accepted';
    case Reason.machine_token_unverified:
      return `${verification?.tokenType ?? record.tokenType ?? 'machine token'} could not be checked (Backend API unavailable)`;
    case Reason.machine_token_malformed:
      return `${verification?.tokenType ?? record.tokenType ?? 'machine token'} is not of the form Clerk issues (no Backend API call)`;
    case Reason.refused_recently:
      return `${verification?.tokenType ?? record.tokenType ?? 'machine token'} refused moments ago (negative cache, no Backend API call)`;
    case Reason.budget_reserved:
      return `${verification?.tokenType ?? record.tokenType ?? 'machine token'} not checked: the rest of the rate-limit window is reserved`;
    case Reason.key_unavailable:
      return 'signing keys could not be loaded (JWKS fetch failed)';
    case Reason.invalid_key:
      return 'the configured CLERK_JWT_KEY is not a usable public key';
    case Reason.verification_failed:
      return 'token verification failed';
    case Reason.missing_token:
      return 'no session cookie or Bearer token';
    case Reason.pending_as_signed_out:
      return 'pending session treated as signed out (treatPendingAsSignedOut)';
    case Reason.token_type_not_accepted:
      return `${record.tokenType ?? 'token'} not accepted`;
    case Reason.session_token_without_client_uat:
      return 'session cookie without __client_uat';
    case Reason.client_uat_without_session_token:
      return '__client_uat without a session cookie';
    case Reason.session_token_iat_before_client_uat:
      return "session token older than the client's last change (__client_uat)";
    case Reason.dev_browser_missing:
      return 'no dev browser (__clerk_db_jwt)';
    case Reason.dev_browser_sync:
      return '__clerk_db_jwt in the URL to sync';
    case Reason.cross_origin_sync:
      return 'signed-in navigation from another site';
    case Reason.handshake_loop:
      return 'handshake redirected 3 times in a row';
    case Reason.handshake_token_invalid:
      return 'handshake token does not verify';
    case Reason.handshake_nonce_unresolved:
      return 'handshake nonce not resolved by the Backend API';
    default:
      return reason;
  }
}

function explainValidVerification(verification: Verification): string {
  const type =
    verification.tokenType && verification.tokenType !== TokenType.session_token ? verification.tokenType : 'token';
  if (verification.verifiedTokenCacheHit) return `${type} verified earlier (verified-token cache hit)`;
  const details = [
    verification.algorithm,
    verification.kid ? `kid ${verification.kid}` : null,
    verification.jwksCache ? JWKS_LABELS[verification.jwksCache] : null,
  ].filter((detail): detail is string => detail !== null);
  return `${type} verified${details.length > 0 ? ` (${details.join(', ')})` : ''} in ${milliseconds(verification.durationMs)}`;
}

function explainProtect(call: ProtectCall, record: DecisionRecord): string {
  const result = call.outcome ? OUTCOME_LABELS[call.outcome] : 'no outcome recorded';
  const accepted = (call.acceptsToken ?? []).join(' or ') || call.requirementValue || 'another token type';
  if (call.reason === Reason.token_type_not_accepted) {
    return `${accepted} required, got ${record.tokenType ?? 'no token'} → ${result}`;
  }
  if (call.reason === Reason.machine_token_invalid) {
    return `${record.tokenType ?? 'machine token'} invalid → ${result}`;
  }
  if (call.reason !== null && SIGNED_OUT_REASONS.has(call.reason)) {
    const kind = record.requestKind ? `${record.requestKind.replace('_', ' ')} ` : '';
    return `auth.protect() on a signed-out ${kind}request → ${result}`;
  }
  switch (call.requirementKind) {
    case ProtectRequirementKind.role:
      return `role ${call.requirementValue ?? '(unnamed)'} required, user has ${record.orgRole ?? 'no active organization role'} → ${result}`;
    case ProtectRequirementKind.permission:
      return `permission ${call.requirementValue ?? '(unnamed)'} required, user ${call.reason === Reason.permission_missing ? 'lacks it' : 'has it'} → ${result}`;
    case ProtectRequirementKind.condition:
      return `custom condition ${call.reason === Reason.condition_false ? 'returned false' : 'held'} → ${result}`;
    case ProtectRequirementKind.token:
      return `${accepted} required, got ${record.tokenType ?? 'no token'} → ${result}`;
    default:
      return `auth.protect() → ${result}`;
  }
}

function explainCurrentUser(call: CurrentUserCall): string {
  switch (call.dedupe) {
    case DedupeResult.hit:
      return 'currentUser() served from this request’s cache (dedupe hit)';
    case DedupeResult.joined:
      return 'currentUser() joined a Backend API call already in flight';
    case DedupeResult.miss:
      return `currentUser() called the Backend API (dedupe miss) in ${milliseconds(call.durationMs)}`;
    default:
      return `currentUser() in ${milliseconds(call.durationMs)}`;
  }
}

function explainBackendCall(call: BackendCall): string {
  let sentence = `${call.method ?? 'request'} ${call.pathTemplate ?? '(unknown path)'} → ${call.statusCode ?? 'no response'} in ${milliseconds(call.durationMs)}`;
  if (call.rateLimitRemaining !== null) {
    sentence += `, ${call.rateLimitRemaining}${call.rateLimitLimit !== null ? `/${call.rateLimitLimit}` : ''} requests left`;
  }
  if (call.retryCount > 0) {
    sentence += `, retried ${call.retryCount}× after 429${call.retryAfter !== null ? ` (Retry-After ${call.retryAfter} s)` : ''}`;
  } else if (call.retryAfter !== null) {
    sentence += `, Retry-After ${call.retryAfter} s`;
  }
  if (call.errorType) sentence += `, failed: ${call.errorType}`;
  if (call.clerkTraceId) sentence += ` (clerk trace ${call.clerkTraceId})`;
  return sentence;
}

function milliseconds(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** "12 s", "5 min", "3 h", "2 d": the unit a person would say. */
function seconds(value: number): string {
  const s = Math.round(value);
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}
