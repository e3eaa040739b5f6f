import { AttributeName as A } from './attribute-names.js';
import type {
  BackendCall,
  CurrentUserCall,
  DecisionError,
  DecisionRecord,
  GetTokenCall,
  ProtectCall,
  Verification,
} from './decision-record.js';
import { type DecisionSpan, SpanStatusCodeNumber } from './decision-span.js';
import { readBoolean, readEnum, readNumber, readString, readStringArray } from './read-attribute.js';
import { isAuthlensSpanName, SpanName } from './span-names.js';
import { DedupeResult } from './values/dedupe-result.js';
import { JwksCacheResult } from './values/jwks-cache-result.js';
import { Outcome } from './values/outcome.js';
import { PendingPolicy } from './values/pending-policy.js';
import { ProtectRequirementKind } from './values/protect-requirement-kind.js';
import { Reason } from './values/reason.js';
import { RequestKind } from './values/request-kind.js';
import { SessionStatus } from './values/session-status.js';
import { TokenSource } from './values/token-source.js';
import { TokenType } from './values/token-type.js';
import { VerificationResult } from './values/verification-result.js';

/** Deep enough for any real span tree; a bound so a malformed parent chain (a cycle) cannot loop. */
const MAX_ANCESTRY = 64;

/**
 * Groups finished spans into one decision record per request. Spans are joined by `authlens.request.id` (the id
 * signed into the middleware→render handoff), inherited from the nearest ancestor that has it, else by trace when
 * the trace holds a single request. Spans that are not authlens spans only lend method, path and route from the
 * ancestors of authlens spans (Next's own request span). Records come out ordered by start time.
 */
export function assembleDecisions(spans: Iterable<DecisionSpan>): DecisionRecord[] {
  const all = [...spans];
  const byId = new Map<string, DecisionSpan>();
  const requestIdsByTrace = new Map<string, Set<string>>();
  for (const span of all) {
    byId.set(spanKey(span.traceId, span.spanId), span);
    const requestId = readString(span.attributes, A.requestId);
    if (requestId === null) continue;
    const ids = requestIdsByTrace.get(span.traceId) ?? new Set<string>();
    ids.add(requestId);
    requestIdsByTrace.set(span.traceId, ids);
  }

  const ancestorsOf = (span: DecisionSpan): DecisionSpan[] => {
    const chain: DecisionSpan[] = [];
    let parentId = span.parentSpanId;
    while (parentId && chain.length < MAX_ANCESTRY) {
      const parent = byId.get(spanKey(span.traceId, parentId));
      if (!parent || parent === span || chain.includes(parent)) break;
      chain.push(parent);
      parentId = parent.parentSpanId;
    }
    return chain;
  };

  const groups = new Map<string, { requestId: string | null; spans: DecisionSpan[]; context: DecisionSpan[] }>();
  for (const span of all) {
    if (!isAuthlensSpanName(span.name)) continue;
    const ancestors = ancestorsOf(span);
    const traceRequestIds = requestIdsByTrace.get(span.traceId);
    const requestId =
      [span, ...ancestors].map((s) => readString(s.attributes, A.requestId)).find((id) => id !== null) ??
      (traceRequestIds?.size === 1 ? [...traceRequestIds][0]! : null);
    const key = requestId === null ? `trace:${span.traceId}` : `request:${requestId}`;
    const group = groups.get(key) ?? { requestId, spans: [], context: [] };
    group.spans.push(span);
    for (const ancestor of ancestors) if (!isAuthlensSpanName(ancestor.name)) group.context.push(ancestor);
    groups.set(key, group);
  }

  return [...groups.values()]
    .map((group) => buildRecord(group.requestId, group.spans, group.context))
    .sort((a, b) => a.startTimeMs - b.startTimeMs);
}

function spanKey(traceId: string, spanId: string): string {
  return `${traceId}/${spanId}`;
}

function buildRecord(requestId: string | null, unsorted: DecisionSpan[], context: DecisionSpan[]): DecisionRecord {
  const spans = [...unsorted].sort((a, b) => a.startTimeMs - b.startTimeMs || a.endTimeMs - b.endTimeMs);
  const named = (name: SpanName) => spans.filter((span) => span.name === name);
  const first = <T>(from: readonly DecisionSpan[], read: (span: DecisionSpan) => T | null): T | null => {
    for (const span of from) {
      const value = read(span);
      if (value !== null) return value;
    }
    return null;
  };
  const last = <T>(from: readonly DecisionSpan[], read: (span: DecisionSpan) => T | null): T | null =>
    first([...from].reverse(), read);
  const str = (name: string) => (span: DecisionSpan) => readString(span.attributes, name);

  const protectSpans = named(SpanName.protect);
  const protectCalls = protectSpans.map(toProtectCall);
  const decidingIndex = protectCalls.findIndex((call) => call.outcome !== null && call.outcome !== Outcome.allowed);
  const protectIndex = decidingIndex >= 0 ? decidingIndex : protectCalls.length - 1;
  const protect = protectCalls[protectIndex] ?? null;
  const protectSpan = protectSpans[protectIndex];

  // Without protect, the latest auth-state span decides: auth() in the render sees the caller's own options.
  const stateSpans = spans.filter(
    (span) =>
      (span.name === SpanName.middleware || span.name === SpanName.auth) &&
      readEnum(span.attributes, A.outcome, Outcome) !== null,
  );
  const decidingSpan = protectSpan ?? stateSpans[stateSpans.length - 1];
  const callSpans = [...named(SpanName.auth), ...protectSpans].sort((a, b) => a.startTimeMs - b.startTimeMs);
  const preferDeciding = <T>(read: (span: DecisionSpan) => T | null): T | null =>
    (decidingSpan ? read(decidingSpan) : null) ?? last(callSpans, read);

  // A Backend API call's method is not the request's.
  const requestSpans = spans.filter((span) => span.name !== SpanName.backendRequest);
  const withContext = [...requestSpans, ...context];
  const traceIds = [...new Set(spans.map((span) => span.traceId))];
  return {
    traceId: spans[0]!.traceId,
    traceIds,
    requestId,
    startTimeMs: spans[0]!.startTimeMs,
    endTimeMs: Math.max(...spans.map((span) => span.endTimeMs)),
    method: first(withContext, str(A.httpRequestMethod)),
    path: first(withContext, str(A.urlPath)),
    route: first(withContext, str(A.httpRoute)),
    requestKind: first(spans, (span) => readEnum(span.attributes, A.requestKind, RequestKind)),
    tokenSource: first(spans, (span) => readEnum(span.attributes, A.tokenSource, TokenSource)),
    tokenType: first(spans, (span) => readEnum(span.attributes, A.tokenType, TokenType)),
    sessionStatus: first(spans, (span) => readEnum(span.attributes, A.sessionStatus, SessionStatus)),
    userId: first(requestSpans, str(A.userId)),
    sessionId: first(spans, str(A.sessionId)),
    orgId: first(spans, str(A.orgId)),
    orgRole: first(spans, str(A.orgRole)),
    pendingPolicy: preferDeciding((span) => readEnum(span.attributes, A.pendingPolicy, PendingPolicy)),
    acceptsToken: preferDeciding((span) => readStringArray(span.attributes, A.acceptsToken)),
    acceptsTokenMatched: preferDeciding((span) => readBoolean(span.attributes, A.acceptsTokenMatched)),
    outcome: decidingSpan ? readEnum(decidingSpan.attributes, A.outcome, Outcome) : null,
    reason: decidingSpan ? readEnum(decidingSpan.attributes, A.reason, Reason) : null,
    statusCode: decidingSpan ? readNumber(decidingSpan.attributes, A.httpResponseStatusCode) : null,
    protect,
    protectCalls,
    authLatencyMs: coveredMilliseconds(spans),
    verifications: named(SpanName.tokenVerify).map(toVerification),
    currentUserCalls: named(SpanName.currentUser).map(toCurrentUserCall),
    backendCalls: named(SpanName.backendRequest).map(toBackendCall),
    getTokenCalls: named(SpanName.getToken).map(toGetTokenCall),
    errors: spans.filter((span) => span.status?.code === SpanStatusCodeNumber.error).map(toDecisionError),
    spanIds: spans.map((span) => span.spanId),
  };
}

function durationMs(span: DecisionSpan): number {
  return Math.max(0, span.endTimeMs - span.startTimeMs);
}

/** Wall time covered by the spans, overlapping (nested or concurrent) intervals counted once. */
function coveredMilliseconds(spans: readonly DecisionSpan[]): number {
  const intervals = spans
    .map((span) => [span.startTimeMs, Math.max(span.startTimeMs, span.endTimeMs)] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let coveredUntil = Number.NEGATIVE_INFINITY;
  for (const [start, end] of intervals) {
    if (end <= coveredUntil) continue;
    total += end - Math.max(start, coveredUntil);
    coveredUntil = end;
  }
  return total;
}

function toProtectCall(span: DecisionSpan): ProtectCall {
  const a = span.attributes;
  return {
    spanId: span.spanId,
    requirementKind: readEnum(a, A.protectRequirementKind, ProtectRequirementKind),
    requirementValue: readString(a, A.protectRequirementValue),
    acceptsToken: readStringArray(a, A.acceptsToken),
    outcome: readEnum(a, A.outcome, Outcome),
    reason: readEnum(a, A.reason, Reason),
    statusCode: readNumber(a, A.httpResponseStatusCode),
    durationMs: durationMs(span),
  };
}

function toVerification(span: DecisionSpan): Verification {
  const a = span.attributes;
  return {
    spanId: span.spanId,
    timeMs: span.startTimeMs,
    tokenType: readEnum(a, A.tokenType, TokenType),
    result: readEnum(a, A.verificationResult, VerificationResult),
    reason: readEnum(a, A.reason, Reason),
    algorithm: readString(a, A.tokenAlgorithm),
    kid: readString(a, A.tokenKid),
    jwksCache: readEnum(a, A.jwksCacheResult, JwksCacheResult),
    verifiedTokenCacheHit: readBoolean(a, A.verifiedTokenCacheHit),
    expiresAt: readNumber(a, A.tokenExpiresAt),
    notBefore: readNumber(a, A.tokenNotBefore),
    durationMs: durationMs(span),
  };
}

function toCurrentUserCall(span: DecisionSpan): CurrentUserCall {
  return {
    spanId: span.spanId,
    dedupe: readEnum(span.attributes, A.dedupeResult, DedupeResult),
    userId: readString(span.attributes, A.userId),
    durationMs: durationMs(span),
  };
}

function toBackendCall(span: DecisionSpan): BackendCall {
  const a = span.attributes;
  return {
    spanId: span.spanId,
    method: readString(a, A.httpRequestMethod),
    pathTemplate: readString(a, A.urlTemplate),
    statusCode: readNumber(a, A.httpResponseStatusCode),
    rateLimitLimit: readNumber(a, A.rateLimitLimit),
    rateLimitRemaining: readNumber(a, A.rateLimitRemaining),
    rateLimitReset: readNumber(a, A.rateLimitReset),
    retryAfter: readNumber(a, A.retryAfter),
    retryCount: readNumber(a, A.retryCount) ?? 0,
    clerkTraceId: readString(a, A.clerkTraceId),
    errorType: readString(a, A.errorType),
    durationMs: durationMs(span),
  };
}

function toGetTokenCall(span: DecisionSpan): GetTokenCall {
  return {
    spanId: span.spanId,
    template: readString(span.attributes, A.tokenTemplate),
    errorType: readString(span.attributes, A.errorType),
    durationMs: durationMs(span),
  };
}

function toDecisionError(span: DecisionSpan): DecisionError {
  return {
    spanId: span.spanId,
    spanName: span.name,
    errorType: readString(span.attributes, A.errorType),
    message: span.status?.message || null,
  };
}
