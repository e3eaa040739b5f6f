import { AttributeName as A } from './attribute-names.js';
import type {
  BackendCall,
  CurrentUserCall,
  DecisionError,
  DecisionRecord,
  GetTokenCall,
  MiddlewarePass,
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

/**
 * The older semantic-convention names Next's own request span still uses (`http.method`, `http.target`): a request
 * the middleware did not run for has only those to say what it was.
 */
const LEGACY_HTTP_METHOD = 'http.method';
const LEGACY_HTTP_TARGET = 'http.target';

/** The path of an `http.target` (its query left out: it may carry anything). */
function pathOfTarget(target: string | null): string | null {
  if (target === null) return null;
  const path = target.split(/[?#]/, 1)[0]!;
  return path.startsWith('/') ? path : null;
}

/** Deep enough for any real span tree; a bound so a malformed parent chain (a cycle) cannot loop. */
const MAX_ANCESTRY = 64;

/**
 * Groups finished spans into one decision record per request. Spans are joined by `authlens.request.id` (the id
 * signed into the middleware→render handoff), inherited from the nearest ancestor that has it, else by trace when
 * the trace holds a single request. Spans that are not authlens spans only lend method, path and route from the
 * ancestors of authlens spans (Next's own request span). Records come out ordered by start time.
 */
export function assembleDecisions(spans: Iterable<DecisionSpan>): DecisionRecord[] {
  // By trace, then span id: a span delivered twice (an exporter retry) counts once. Nested maps, because joined
  // string keys cost more than everything else here.
  const byTrace = new Map<string, Map<string, DecisionSpan>>();
  for (const span of spans) {
    const trace = byTrace.get(span.traceId);
    if (trace) trace.set(span.spanId, span);
    else byTrace.set(span.traceId, new Map([[span.spanId, span]]));
  }
  const unique: DecisionSpan[] = [];
  for (const trace of byTrace.values()) for (const span of trace.values()) unique.push(span);
  const requestIdsByTrace = new Map<string, Set<string>>();
  for (const span of unique) {
    const requestId = readString(span.attributes, A.requestId);
    if (requestId === null) continue;
    const ids = requestIdsByTrace.get(span.traceId);
    if (ids) ids.add(requestId);
    else requestIdsByTrace.set(span.traceId, new Set([requestId]));
  }

  const parentOf = (span: DecisionSpan): DecisionSpan | undefined =>
    span.parentSpanId ? byTrace.get(span.traceId)?.get(span.parentSpanId) : undefined;

  const groups = new Map<string, { requestId: string | null; spans: DecisionSpan[] }>();
  for (const span of unique) {
    if (!isAuthlensSpanName(span.name)) continue;
    const requestId = inheritedRequestId(span, parentOf) ?? onlyRequestId(requestIdsByTrace.get(span.traceId));
    const key = requestId === null ? `trace:${span.traceId}` : `request:${requestId}`;
    const group = groups.get(key);
    if (group) group.spans.push(span);
    else groups.set(key, { requestId, spans: [span] });
  }

  const records: DecisionRecord[] = [];
  for (const group of groups.values()) records.push(buildRecord(group.requestId, group.spans, parentOf));
  return records.sort((a, b) => a.startTimeMs - b.startTimeMs);
}

type ParentOf = (span: DecisionSpan) => DecisionSpan | undefined;

/** The request id of the span or of its nearest ancestor that has one. */
function inheritedRequestId(span: DecisionSpan, parentOf: ParentOf): string | null {
  let current: DecisionSpan | undefined = span;
  for (let depth = 0; current && depth <= MAX_ANCESTRY; depth++) {
    const requestId = readString(current.attributes, A.requestId);
    if (requestId !== null) return requestId;
    current = parentOf(current);
  }
  return null;
}

function onlyRequestId(ids: ReadonlySet<string> | undefined): string | null {
  if (ids?.size !== 1) return null;
  for (const id of ids) return id;
  return null;
}

/** The first non-null value `read` finds, scanning forwards (or backwards). */
function firstOf<T>(
  from: readonly DecisionSpan[],
  read: (span: DecisionSpan) => T | null,
  backwards = false,
): T | null {
  for (let i = 0; i < from.length; i++) {
    const value = read(from[backwards ? from.length - 1 - i : i]!);
    if (value !== null) return value;
  }
  return null;
}

function buildRecord(requestId: string | null, unsorted: DecisionSpan[], parentOf: ParentOf): DecisionRecord {
  const spans = unsorted.sort((a, b) => a.startTimeMs - b.startTimeMs || a.endTimeMs - b.endTimeMs);
  const named = new Map<string, DecisionSpan[]>();
  for (const span of spans) {
    const list = named.get(span.name);
    if (list) list.push(span);
    else named.set(span.name, [span]);
  }
  const spansNamed = (name: SpanName): DecisionSpan[] => named.get(name) ?? [];
  const str = (name: string) => (span: DecisionSpan) => readString(span.attributes, name);
  const enumeration =
    <V extends string>(name: string, values: Readonly<Record<string, V>>) =>
    (span: DecisionSpan) =>
      readEnum(span.attributes, name, values);

  const protectSpans = spansNamed(SpanName.protect);
  const protectCalls = protectSpans.map(toProtectCall);
  const decidingIndex = protectCalls.findIndex((call) => call.outcome !== null && call.outcome !== Outcome.allowed);
  const protectIndex = decidingIndex >= 0 ? decidingIndex : protectCalls.length - 1;
  const protect = protectCalls[protectIndex] ?? null;

  // A protect call that refused decides; else a redirectToSignIn/Up() (the app's own refusal); else the last protect
  // call; without any, the latest auth-state span: auth() in the render sees the caller's own options.
  const decidingSpan =
    (decidingIndex >= 0 ? protectSpans[decidingIndex] : undefined) ??
    spansNamed(SpanName.redirect).at(-1) ??
    protectSpans[protectIndex] ??
    spans.findLast(
      (span) =>
        (span.name === SpanName.middleware || span.name === SpanName.auth) &&
        readEnum(span.attributes, A.outcome, Outcome) !== null,
    );
  const callSpans = [...spansNamed(SpanName.auth), ...protectSpans].sort((a, b) => a.startTimeMs - b.startTimeMs);
  const preferDeciding = <T>(read: (span: DecisionSpan) => T | null): T | null =>
    (decidingSpan ? read(decidingSpan) : null) ?? firstOf(callSpans, read, true);

  // A Backend API call's method is not the request's.
  const requestSpans = spans.filter((span) => span.name !== SpanName.backendRequest);
  // Method, path and route may only be on Next's own request span above ours; look there when ours lack them.
  const fromRequest = (name: string): string | null => {
    const own = firstOf(requestSpans, str(name));
    if (own !== null) return own;
    for (const span of spans) {
      let ancestor = parentOf(span);
      for (let depth = 0; ancestor && depth < MAX_ANCESTRY; depth++, ancestor = parentOf(ancestor)) {
        if (isAuthlensSpanName(ancestor.name)) continue;
        const value = readString(ancestor.attributes, name);
        if (value !== null) return value;
      }
    }
    return null;
  };

  let endTimeMs = spans[0]!.endTimeMs;
  for (const span of spans) endTimeMs = Math.max(endTimeMs, span.endTimeMs);
  return {
    traceId: spans[0]!.traceId,
    traceIds: [...new Set(spans.map((span) => span.traceId))],
    requestId,
    startTimeMs: spans[0]!.startTimeMs,
    endTimeMs,
    method: fromRequest(A.httpRequestMethod) ?? fromRequest(LEGACY_HTTP_METHOD),
    path: fromRequest(A.urlPath) ?? pathOfTarget(fromRequest(LEGACY_HTTP_TARGET)),
    route: fromRequest(A.httpRoute),
    requestKind: firstOf(spans, enumeration(A.requestKind, RequestKind)),
    requestKindSignal: firstOf(spans, str(A.requestKindSignal)),
    serverActionId: firstOf(spans, str(A.serverActionId)),
    tokenSource: firstOf(spans, enumeration(A.tokenSource, TokenSource)),
    tokenType: firstOf(spans, enumeration(A.tokenType, TokenType)),
    sessionStatus: firstOf(spans, enumeration(A.sessionStatus, SessionStatus)),
    userId: firstOf(requestSpans, str(A.userId)),
    userName: firstOf(spans, str(A.userName)),
    sessionId: firstOf(spans, str(A.sessionId)),
    orgId: firstOf(spans, str(A.orgId)),
    orgRole: firstOf(spans, str(A.orgRole)),
    pendingPolicy: preferDeciding(enumeration(A.pendingPolicy, PendingPolicy)),
    acceptsToken: preferDeciding((span) => readStringArray(span.attributes, A.acceptsToken)),
    acceptsTokenMatched: preferDeciding((span) => readBoolean(span.attributes, A.acceptsTokenMatched)),
    outcome: decidingSpan ? readEnum(decidingSpan.attributes, A.outcome, Outcome) : null,
    reason: decidingSpan ? readEnum(decidingSpan.attributes, A.reason, Reason) : null,
    statusCode: decidingSpan ? readNumber(decidingSpan.attributes, A.httpResponseStatusCode) : null,
    // The deciding span's redirect, else the last one recorded (a middleware answering with its own redirect).
    redirectTarget:
      (decidingSpan ? readString(decidingSpan.attributes, A.redirectTarget) : null) ??
      firstOf(spans, str(A.redirectTarget), true),
    protect,
    middlewarePasses: spansNamed(SpanName.middleware).map(toMiddlewarePass),
    protectCalls,
    authLatencyMs: coveredMilliseconds(spans),
    verifications: spansNamed(SpanName.tokenVerify).map(toVerification),
    currentUserCalls: spansNamed(SpanName.currentUser).map(toCurrentUserCall),
    backendCalls: spansNamed(SpanName.backendRequest).map(toBackendCall),
    getTokenCalls: spansNamed(SpanName.getToken).map(toGetTokenCall),
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

function toMiddlewarePass(span: DecisionSpan): MiddlewarePass {
  const a = span.attributes;
  return {
    spanId: span.spanId,
    startTimeMs: span.startTimeMs,
    endTimeMs: span.endTimeMs,
    path: readString(a, A.urlPath),
    sessionId: readString(a, A.sessionId),
    outcome: readEnum(a, A.outcome, Outcome),
    reason: readEnum(a, A.reason, Reason),
    statusCode: readNumber(a, A.httpResponseStatusCode),
  };
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
    issuedAt: readNumber(a, A.tokenIssuedAt),
    clockSkewMs: readNumber(a, A.tokenClockSkewMs),
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
