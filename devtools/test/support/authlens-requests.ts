import {
  AttributeName as A,
  DedupeResult,
  INSTRUMENTATION_SCOPE,
  Outcome,
  ProtectRequirementKind,
  Reason,
  RequestKind,
  SessionStatus,
  SpanName,
  TokenSource,
  TokenType,
  VerificationResult,
} from '@authlens/otel';
import { type Attributes, type Context, context, type Tracer, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';

/** One request as the SDK would trace it, named with the contract's constants. */
export interface RequestPlan {
  requestId: string;
  path: string;
  kind?: RequestKind;
  /** Omit for a signed-out request without a token. */
  userId?: string;
  sessionStatus?: SessionStatus;
  orgRole?: string;
  /** The middleware's decision. */
  outcome: Outcome;
  reason: Reason;
  /** An `auth.protect()` call in the render. */
  protect?: { role: string; outcome: Outcome; reason: Reason; statusCode?: number };
  /** A `currentUser()` call that hit the Backend API, with the rate-limit budget left. */
  backendRemaining?: number;
}

export const allowedPlan = (requestId: string, path = '/dashboard'): RequestPlan => ({
  requestId,
  path,
  userId: 'user_allowed',
  orgRole: 'org:admin',
  outcome: Outcome.signed_in,
  reason: Reason.valid_token,
  protect: { role: 'org:admin', outcome: Outcome.allowed, reason: Reason.authorized },
  backendRemaining: 97,
});

export const deniedPlan = (requestId: string, path = '/admin'): RequestPlan => ({
  requestId,
  path,
  userId: 'user_member',
  orgRole: 'org:member',
  outcome: Outcome.signed_in,
  reason: Reason.valid_token,
  protect: { role: 'org:admin', outcome: Outcome.not_found, reason: Reason.role_missing, statusCode: 404 },
});

export const signedOutPlan = (requestId: string, path = '/dashboard'): RequestPlan => ({
  requestId,
  path,
  kind: RequestKind.document,
  outcome: Outcome.signed_out,
  reason: Reason.missing_token,
  protect: { role: 'org:admin', outcome: Outcome.redirect_sign_in, reason: Reason.missing_token, statusCode: 307 },
});

export const pendingPlan = (requestId: string, path = '/onboarding'): RequestPlan => ({
  requestId,
  path,
  userId: 'user_pending',
  sessionStatus: SessionStatus.pending,
  outcome: Outcome.signed_in,
  reason: Reason.pending_as_signed_in,
});

/**
 * A tracer provider exporting through `exporter` (a real OTLP exporter in the tests), and the tracer the SDK uses.
 * `simple` exports each span as it ends (a request's spans then arrive in many batches); `batch` exports in
 * batches as production setups do.
 */
export function tracing(
  exporter: SpanExporter,
  processor: 'simple' | 'batch' = 'simple',
): { provider: BasicTracerProvider; tracer: Tracer } {
  const spanProcessor =
    processor === 'simple'
      ? new SimpleSpanProcessor(exporter)
      : new BatchSpanProcessor(exporter, { scheduledDelayMillis: 50 });
  const provider = new BasicTracerProvider({ spanProcessors: [spanProcessor] });
  return { provider, tracer: provider.getTracer(INSTRUMENTATION_SCOPE, '0.0.0-test') };
}

/**
 * Emits one request's spans as the SDK does: Next's request span, `authlens.middleware` with its
 * `authlens.token.verify`, then `authlens.auth` / `authlens.protect` / `authlens.current_user` →
 * `authlens.backend.request` in the render. Returns the trace id.
 */
export function emitRequest(tracer: Tracer, plan: RequestPlan, startMs = Date.now()): string {
  const root = tracer.startSpan(`GET ${plan.path}`, {
    startTime: startMs,
    attributes: { [A.httpRequestMethod]: 'GET', [A.urlPath]: plan.path },
  });
  const rootContext = trace.setSpan(context.active(), root);
  const state: Attributes = plan.userId
    ? {
        [A.tokenSource]: TokenSource.cookie,
        [A.tokenType]: TokenType.session_token,
        [A.sessionStatus]: plan.sessionStatus ?? SessionStatus.active,
        [A.userId]: plan.userId,
        [A.sessionId]: `sess_${plan.userId}`,
        ...(plan.orgRole ? { [A.orgId]: 'org_1', [A.orgRole]: plan.orgRole } : {}),
      }
    : { [A.tokenSource]: TokenSource.none };

  const middleware = child(tracer, rootContext, SpanName.middleware, startMs + 1, {
    [A.requestId]: plan.requestId,
    [A.httpRequestMethod]: 'GET',
    [A.urlPath]: plan.path,
    [A.requestKind]: plan.kind ?? RequestKind.document,
    ...state,
    [A.outcome]: plan.outcome,
    [A.reason]: plan.reason,
  });
  if (plan.userId) {
    end(
      child(tracer, middleware.context, SpanName.tokenVerify, startMs + 2, {
        [A.tokenType]: TokenType.session_token,
        [A.verificationResult]: VerificationResult.valid,
        [A.tokenAlgorithm]: 'RS256',
      }),
      startMs + 3,
    );
  }
  end(middleware, startMs + 4);

  const auth = child(tracer, rootContext, SpanName.auth, startMs + 5, {
    [A.requestId]: plan.requestId,
    ...state,
    [A.outcome]: plan.outcome,
    [A.reason]: plan.reason,
  });
  end(auth, startMs + 6);
  if (plan.protect) {
    const protect = child(tracer, rootContext, SpanName.protect, startMs + 6, {
      [A.requestId]: plan.requestId,
      [A.protectRequirementKind]: ProtectRequirementKind.role,
      [A.protectRequirementValue]: plan.protect.role,
      [A.outcome]: plan.protect.outcome,
      [A.reason]: plan.protect.reason,
      ...(plan.protect.statusCode ? { [A.httpResponseStatusCode]: plan.protect.statusCode } : {}),
    });
    end(protect, startMs + 7);
  }
  if (plan.backendRemaining !== undefined) {
    const currentUser = child(tracer, rootContext, SpanName.currentUser, startMs + 8, {
      [A.requestId]: plan.requestId,
      [A.userId]: plan.userId ?? '',
      [A.dedupeResult]: DedupeResult.miss,
    });
    end(
      child(tracer, currentUser.context, SpanName.backendRequest, startMs + 9, {
        [A.httpRequestMethod]: 'GET',
        [A.urlTemplate]: '/v1/users/{user_id}',
        [A.httpResponseStatusCode]: 200,
        [A.rateLimitLimit]: 100,
        [A.rateLimitRemaining]: plan.backendRemaining,
      }),
      startMs + 12,
    );
    end(currentUser, startMs + 13);
  }
  root.end(startMs + 20);
  return root.spanContext().traceId;
}

interface OpenSpan {
  span: ReturnType<Tracer['startSpan']>;
  context: Context;
}

function child(tracer: Tracer, parent: Context, name: string, startMs: number, attributes: Attributes): OpenSpan {
  const span = tracer.startSpan(name, { startTime: startMs, attributes }, parent);
  return { span, context: trace.setSpan(parent, span) };
}

function end(open: OpenSpan, endMs: number): void {
  open.span.end(endMs);
}
