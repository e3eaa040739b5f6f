import {
  AttributeName as A,
  Outcome,
  Reason,
  RequestKind,
  SessionStatus,
  SpanName,
  TokenSource,
  TokenType,
  VerificationResult,
} from '@authlens/otel';
import { type Attributes, context, type Tracer, trace } from '@opentelemetry/api';

/** One handshake redirect and its resolution: the request id they share, the path and the user. */
export interface HandshakeChainPlan {
  /** The id the handshake redirect and its resolution share (the SDK carries it in `__authlens_handshake_rid`). */
  requestId: string;
  path: string;
  userId: string;
}

/**
 * One middleware pass in a trace of its own (each pass is a browser request of its own), shaped as
 * `clerkMiddleware()` records it: Next's request span, `authlens.middleware`, its token verification and, on the way
 * back, the Backend API call that resolved the nonce.
 */
function emitPass(
  tracer: Tracer,
  startMs: number,
  requestId: string,
  url: string,
  attributes: Attributes,
  children: { name: string; attributes: Attributes }[],
): void {
  const root = tracer.startSpan(`GET ${url}`, {
    startTime: startMs,
    attributes: { [A.httpRequestMethod]: 'GET', [A.urlPath]: url.split('?')[0]! },
  });
  const rootContext = trace.setSpan(context.active(), root);
  const middleware = tracer.startSpan(
    SpanName.middleware,
    {
      startTime: startMs + 1,
      attributes: {
        [A.requestId]: requestId,
        [A.httpRequestMethod]: 'GET',
        [A.urlPath]: url.split('?')[0]!,
        [A.requestKind]: RequestKind.document,
        [A.tokenSource]: TokenSource.cookie,
        [A.tokenType]: TokenType.session_token,
        ...attributes,
      },
    },
    rootContext,
  );
  const middlewareContext = trace.setSpan(rootContext, middleware);
  children.forEach((plan, index) => {
    tracer
      .startSpan(plan.name, { startTime: startMs + 2 + index, attributes: plan.attributes }, middlewareContext)
      .end(startMs + 3 + index);
  });
  middleware.end(startMs + 8);
  root.end(startMs + 9);
}

const expiredVerify = {
  name: SpanName.tokenVerify,
  attributes: {
    [A.tokenType]: TokenType.session_token,
    [A.verificationResult]: VerificationResult.invalid,
    [A.reason]: Reason.expired,
  },
};
const validVerify = {
  name: SpanName.tokenVerify,
  attributes: { [A.tokenType]: TokenType.session_token, [A.verificationResult]: VerificationResult.valid },
};
const resolveNonce = {
  name: SpanName.backendRequest,
  attributes: {
    [A.httpRequestMethod]: 'GET',
    [A.urlTemplate]: '/v1/clients/handshake_payload',
    [A.httpResponseStatusCode]: 200,
  },
};

/** The handshake redirect: the session token expired, 307 to the Frontend API. */
function emitHandshakeRedirect(tracer: Tracer, plan: HandshakeChainPlan, startMs: number): void {
  emitPass(
    tracer,
    startMs,
    plan.requestId,
    plan.path,
    { [A.outcome]: Outcome.handshake, [A.reason]: Reason.expired, [A.httpResponseStatusCode]: 307 },
    [expiredVerify],
  );
}

/** The way back with the nonce: resolved through the Backend API, 307 to the clean URL, same request id. */
function emitHandshakeResolution(tracer: Tracer, plan: HandshakeChainPlan, startMs: number): void {
  emitPass(
    tracer,
    startMs,
    plan.requestId,
    `${plan.path}?__clerk_handshake_nonce=nonce_1`,
    {
      [A.sessionStatus]: SessionStatus.active,
      [A.userId]: plan.userId,
      [A.sessionId]: `sess_${plan.userId}`,
      [A.outcome]: Outcome.signed_in,
      [A.reason]: Reason.valid_token,
      [A.httpResponseStatusCode]: 307,
    },
    [resolveNonce, validVerify],
  );
}

/**
 * A loop: three round trips whose new cookies never take, then the loop counter stops the fourth redirect and the
 * request goes on signed out (reason `handshake_loop`).
 */
export function emitHandshakeLoop(
  tracer: Tracer,
  requestIds: [string, string, string, string],
  path: string,
  userId: string,
  startMs: number,
): void {
  for (let round = 0; round < 3; round++) {
    const plan = { requestId: requestIds[round]!, path, userId };
    emitHandshakeRedirect(tracer, plan, startMs + round * 100);
    emitHandshakeResolution(tracer, plan, startMs + round * 100 + 40);
  }
  emitPass(
    tracer,
    startMs + 300,
    requestIds[3],
    path,
    { [A.tokenSource]: TokenSource.cookie, [A.outcome]: Outcome.signed_out, [A.reason]: Reason.handshake_loop },
    [expiredVerify],
  );
}
