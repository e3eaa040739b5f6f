/**
 * `clerkMiddleware(handler?, options?)` — the default export of `proxy.ts`
 * (Next 16) or `middleware.ts`. Per request it classifies the request, reads
 * and verifies the credential (session tokens locally; machine tokens through
 * the Backend API), runs the user's handler with `(auth, req, event)` — where
 * `auth()`, `auth.protect()` and the redirects work as in the render — turns
 * thrown redirects / 404 / 401 into responses, and hands the verified state to
 * the render in one signed request header.
 */

import { AttributeName, SpanName } from '@authlens/otel';
import type { Span } from '@opentelemetry/api';
import type { NextFetchEvent, NextMiddleware, NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import type { TokenSource, TokenType, VerifiedAuthState } from '../auth-state.js';
import { createHas } from '../authorization/index.js';
import {
  encryptionKeyFromEnv,
  envApiUrl,
  envSecretKey,
  handoffSecretFromEnv,
  type ResolvedConfig,
  readEnv,
  resolveConfig,
} from '../config.js';
import { configureFleet, type FleetOptions } from '../fleet/fleet-settings.js';
import { authenticateSessionRequest, type SessionVerdict } from '../sessions/index.js';
import { handshakeDecision, markMiddlewareSpan, recordMiddleware } from '../telemetry/middleware-span.js';
import { recordRedirectTarget } from '../telemetry/redirect-target.js';
import { sessionContractReason } from '../telemetry/session-reasons.js';
import { failSpan } from '../telemetry/span-status.js';
import { activeTraceParent, requestParentContext } from '../telemetry/trace-context.js';
import { authlensTracer, NON_RECORDING_SPAN, tracingRegistered } from '../telemetry/tracer.js';
import {
  detectTokenType,
  isTokenVerificationError,
  readAuthorizationToken,
  readRequestToken,
  verifyRequestToken,
} from '../tokens/index.js';
import type { AuthFn, AuthOptions, ClerkMiddlewareOptions } from '../types.js';
import { tracedAuth, withRedirects } from './auth.js';
import { type AuthObjectDeps, resolveAuthObject } from './auth-objects.js';
import { backendClientFor, jwksFor, observeJwtKeySource } from './backend-clients.js';
import { controlFlowOf } from './control-flow.js';
import { MalformedUrlError } from './create-route-matcher.js';
import { continuesToRender, forwardHandoff, rewritesElsewhere } from './handoff/forward-handoff.js';
import { handoffKey } from './handoff/handoff-key.js';
import { HANDOFF_HEADER, type HandoffState } from './handoff/handoff-state.js';
import { RENDER_KEYS_FROM_ENV, type RenderKeys, renderKeysFor } from './handoff/instance-keys.js';
import { rememberHandoff } from './handoff/local-handoffs.js';
import { boundRequest } from './handoff/request-binding.js';
import { newRequestId, signHandoff } from './handoff/sign-handoff.js';
import { verifyHandoff } from './handoff/verify-handoff.js';
import { clearHandshakeRequestId, handshakeRequestIdOf, setHandshakeRequestId } from './handshake-request-id.js';
import { machineTokenCacheFor } from './machine-token-cache-for.js';
import { runWithMiddlewareKeys } from './middleware-keys.js';
import { createProtect, type ProtectContext } from './protect.js';
import { requestKind } from './request-kind.js';
import { requestKindSignal } from './request-kind-signal.js';
import { publicRequestUrl } from './request-url.js';
import { sessionDepsFor } from './session-deps.js';

/** `auth` as the middleware handler receives it: the same calls as in the render. */
export type ClerkMiddlewareAuth = AuthFn;

export type ClerkMiddlewareHandler = (
  auth: ClerkMiddlewareAuth,
  request: NextRequest,
  event: NextFetchEvent,
) => // biome-ignore lint/suspicious/noConfusingVoidType: a handler may return nothing, as Next's own middleware type allows
Response | null | undefined | void | Promise<Response | null | undefined | void>;

export type ClerkMiddlewareOptionsCallback = (
  request: NextRequest,
) => ClerkMiddlewareOptions | Promise<ClerkMiddlewareOptions>;

export interface ClerkMiddleware {
  (handler: ClerkMiddlewareHandler, options?: ClerkMiddlewareOptions | ClerkMiddlewareOptionsCallback): NextMiddleware;
  (options?: ClerkMiddlewareOptions | ClerkMiddlewareOptionsCallback): NextMiddleware;
  /** `export default clerkMiddleware` — used as the middleware itself. */
  (request: NextRequest, event: NextFetchEvent): Promise<Response>;
}

interface VerifiedRequest {
  token: string | null;
  source: TokenSource;
  tokenType: TokenType | null;
  auth: VerifiedAuthState | null;
  /** Why the request is signed out, in the telemetry contract's words; null when signed in. */
  reason: string | null;
  /** The cookie protocol's verdict (null for an `Authorization` token, or without a publishable key). */
  verdict: SessionVerdict | null;
}

/**
 * What one request's credential turned out to be. A token in the `Authorization` header is verified as it is (no
 * cookie protocol, as with Clerk); cookies go through Clerk's cookie protocol when the publishable key names the
 * instance's Frontend API, else the `__session` cookie alone is verified.
 */
async function verifyRequest(req: Request, config: ResolvedConfig, url: string): Promise<VerifiedRequest> {
  const bearer = readAuthorizationToken(req.headers);
  if (bearer === null) {
    const deps = await sessionDepsFor(config);
    if (deps) return fromVerdict(await authenticateSessionRequest(req, deps, new URL(url)));
  }
  const { token, source } =
    bearer === null ? readRequestToken(req.headers) : { token: bearer, source: 'header' as const };
  if (!token) return { token: null, source, tokenType: null, auth: null, reason: 'no_token', verdict: null };
  const client = backendClientFor(config.secretKey, config.apiUrl);
  if (config.jwtKey) observeJwtKeySource(config.jwtKey);
  try {
    const auth: VerifiedAuthState = await verifyRequestToken(token, {
      jwtKey: config.jwtKey ?? undefined,
      jwks: config.jwtKey ? undefined : jwksFor(config.secretKey, config.apiUrl),
      authorizedParties: config.authorizedParties,
      clockSkewInMs: config.clockSkewInMs,
      verifyMachineToken: (t, type) => client.verifyMachineToken(t, type),
      machineTokenCache: machineTokenCacheFor(config.secretKey, config.apiUrl),
    });
    // The verified state knows its type; classifying the token up front would decode it a second time per request.
    return { token, source, tokenType: auth.tokenType, auth, reason: null, verdict: null };
  } catch (error) {
    // Fail closed: a credential that cannot be verified, for whatever reason, is no credential.
    const reason = isTokenVerificationError(error) ? error.reason : 'error';
    return { token, source, tokenType: detectTokenType(token), auth: null, reason, verdict: null };
  }
}

function fromVerdict(verdict: SessionVerdict): VerifiedRequest {
  if (verdict.status === 'signed-in') {
    const { token, auth } = verdict;
    return { token, source: 'cookie', tokenType: auth.tokenType, auth, reason: null, verdict };
  }
  const token = verdict.status === 'signed-out' ? verdict.token : null;
  return {
    token,
    source: token ? 'cookie' : 'none',
    tokenType: token ? 'session_token' : null,
    auth: null,
    reason: sessionContractReason(verdict),
    verdict,
  };
}

function middlewareDeps(config: ResolvedConfig): AuthObjectDeps {
  return {
    createHas,
    mintToken: (sessionId, template, expiresInSeconds) =>
      backendClientFor(config.secretKey, config.apiUrl).getSessionToken(sessionId, template, { expiresInSeconds }),
  };
}

function middlewareAuth(ctx: ProtectContext): ClerkMiddlewareAuth {
  const state = ctx.request as HandoffState;
  const authFn = (options: AuthOptions = {}) =>
    tracedAuth(options, async () => ({
      state,
      authObject: withRedirects(resolveAuthObject(state, options, ctx.deps), ctx.redirect, state, options),
    }));
  return Object.assign(authFn, { protect: createProtect(async () => ctx) }) as unknown as ClerkMiddlewareAuth;
}

/** The path a 404 decided in the middleware is rewritten to (no route serves it). */
const NOT_FOUND_PATH_PREFIX = '/__authlens_not_found_';

/**
 * Next runs the middleware once more for the rewritten 404 path, within the same request, with the request headers
 * the first pass set — our signed handoff among them. That pass keeps the first pass's request id, so request-scoped
 * caches and telemetry treat both as the one request they are. Anything unverifiable gets a fresh id.
 */
async function continuedRequestId(req: NextRequest, signingSecret: string): Promise<string | null> {
  const value = req.headers.get(HANDOFF_HEADER);
  if (!value) return null;
  try {
    const url = req.nextUrl ?? new URL(req.url);
    const request = { method: req.method, path: url.pathname, search: url.search };
    return (await verifyHandoff(value, handoffKey(signingSecret), request)).requestId;
  } catch {
    return null;
  }
}

/** A redirect / 404 / 401 thrown in the handler, as the middleware's response; null for other errors. */
function controlFlowResponse(error: unknown, req: NextRequest): Response | null {
  if (error instanceof MalformedUrlError) return new NextResponse(null, { status: 400 });
  const flow = controlFlowOf(error);
  if (!flow) return null;
  if (flow.type === 'redirect') return NextResponse.redirect(flow.url, flow.status);
  if (flow.status === 404) {
    // Rewrite to a path no route serves, so Next renders its 404 page with status 404 (as @clerk/nextjs does).
    return NextResponse.rewrite(new URL(`${NOT_FOUND_PATH_PREFIX}${Date.now()}`, req.url));
  }
  return new NextResponse(null, { status: flow.status });
}

function parseArgs(args: unknown[]): {
  handler: ClerkMiddlewareHandler | undefined;
  options: ClerkMiddlewareOptions | ClerkMiddlewareOptionsCallback;
} {
  const handler = typeof args[0] === 'function' ? (args[0] as ClerkMiddlewareHandler) : undefined;
  const options = (handler ? args[1] : args[0]) ?? {};
  return { handler, options: options as ClerkMiddlewareOptions | ClerkMiddlewareOptionsCallback };
}

/** The fleet options of `options`, or null when it sets neither. */
function fleetOptionsOf(options: ClerkMiddlewareOptions): FleetOptions | null {
  if (options.redisUrl === undefined && options.userCacheTtlSeconds === undefined) return null;
  const fleet: FleetOptions = {};
  if (options.redisUrl !== undefined) fleet.redisUrl = options.redisUrl;
  if (options.userCacheTtlSeconds !== undefined) fleet.userCacheTtlSeconds = options.userCacheTtlSeconds;
  return fleet;
}

/**
 * `redisUrl` / `userCacheTtlSeconds` are process-wide (one Redis connection and one user cache per instance and
 * process), so they are applied once: static options when the middleware is created; options given as a function
 * from the first request that returns them. A later request returning other values changes nothing, said once.
 */
function fleetConfigurer(): (options: ClerkMiddlewareOptions) => void {
  let applied: string | null = null;
  let warned = false;
  return (options) => {
    const fleet = fleetOptionsOf(options);
    if (!fleet) return;
    const key = JSON.stringify([fleet.redisUrl ?? null, fleet.userCacheTtlSeconds ?? null]);
    if (applied === null) {
      configureFleet(fleet);
      applied = key;
    } else if (key !== applied && !warned) {
      warned = true;
      console.warn(
        'authlens: clerkMiddleware() options returned redisUrl / userCacheTtlSeconds values other than those of an earlier request; they apply to the whole process, so the first values stay.',
      );
    }
  };
}

function createMiddleware(
  handler: ClerkMiddlewareHandler | undefined,
  options: ClerkMiddlewareOptions | ClerkMiddlewareOptionsCallback,
): (req: NextRequest, event: NextFetchEvent) => Promise<Response> {
  let staticConfig: ResolvedConfig | undefined;
  const configureFleetFrom = fleetConfigurer();
  if (typeof options !== 'function') configureFleetFrom(options);
  // Static options resolve once, on the first request (an invalid one fails that request, not the import).
  const configFor = (req: NextRequest): ResolvedConfig | Promise<ResolvedConfig> => {
    if (typeof options !== 'function') {
      staticConfig ??= resolveConfig(options);
      return staticConfig;
    }
    return Promise.resolve(options(req)).then((computed) => {
      configureFleetFrom(computed);
      return resolveConfig(computed);
    });
  };

  const handle = async (req: NextRequest, event: NextFetchEvent, span: Span): Promise<Response> => {
    markMiddlewareSpan(span);
    recordRequestKindSignal(span, req.headers);
    const configured = configFor(req);
    const config = configured instanceof Promise ? await configured : configured;
    const { signingSecret, renderKeys, renderKeysFromEnv } = handoffSetupFor(config);
    const url = publicRequestUrl(req, config.allowedRedirectOrigins);
    const verified = await verifyRequest(req, config, url);
    const { verdict } = verified;
    const state: HandoffState = {
      requestId:
        (verdict?.resolvedHandshake ? handshakeRequestIdOf(req.headers) : null) ??
        (pathnameOf(req).startsWith(NOT_FOUND_PATH_PREFIX) ? await continuedRequestId(req, signingSecret) : null) ??
        newRequestId(),
      issuedAt: Date.now(),
      url,
      request: boundRequest(req, null),
      clockSkewInMs: config.clockSkewInMs,
      kind: requestKind(req.headers),
      token: verified.token,
      tokenSource: verified.source,
      tokenType: verified.tokenType,
      auth: verified.auth,
      reason: verified.reason,
      signInUrl: config.signInUrl,
      signUpUrl: config.signUpUrl,
      allowedRedirectOrigins: config.allowedRedirectOrigins,
      traceParent: activeTraceParent(),
      ...(renderKeys instanceof Promise ? await renderKeys : renderKeys),
    };
    const ctx: ProtectContext = {
      request: state,
      redirect: {
        requestUrl: state.url,
        signInUrl: state.signInUrl,
        signUpUrl: state.signUpUrl,
        allowedRedirectOrigins: state.allowedRedirectOrigins,
      },
      deps: middlewareDeps(config),
    };

    // The cookie protocol answers first: a handshake redirect, or the redirect that applies a resolved one.
    const protocolResponse = verdict && sessionProtocolResponse(verdict, state.requestId);
    if (protocolResponse) {
      recordMiddleware(span, requestFacts(req), state, protocolResponse.status, handshakeDecision(verdict));
      recordRedirectTarget(span, protocolResponse.status, protocolResponse.headers.get('location'));
      return protocolResponse;
    }

    let response: Response;
    let answered: number | null = null;
    try {
      const run = () => handler?.(middlewareAuth(ctx), req, event);
      // clerkClient() inside the handler uses keys given as options, as the render does (see middleware-keys.ts).
      const answer = handler ? (renderKeysFromEnv ? run() : runWithMiddlewareKeys(config, run)) : null;
      response = (answer instanceof Promise ? await answer : answer) ?? NextResponse.next();
    } catch (error) {
      const flow = controlFlowResponse(error, req);
      if (!flow) {
        recordMiddleware(span, requestFacts(req), state, null);
        throw error;
      }
      response = flow;
      answered = controlFlowOf(error)?.status ?? flow.status;
    }
    // Cookie directives of a handshake resolved in place (production instances) go on whatever the handler answered.
    if (verdict && hasEntries(verdict.headers)) response = withHeaders(response, verdict.headers);
    const renders = continuesToRender(response);
    recordMiddleware(span, requestFacts(req), state, renders ? answered : (answered ?? response.status));
    recordRedirectTarget(span, renders ? null : response.status, response.headers.get('location'));
    if (!renders) return response;
    // Proxied to another origin: nothing of ours renders it, and a handoff sent there could be replayed here.
    if (rewritesElsewhere(response, req.url)) return forwardHandoff(response, req.headers, null);
    // Bound to what the render will serve: a rewrite's target, else this request.
    const rewrite = response.headers.get('x-middleware-rewrite');
    const request = rewrite ? boundRequest(req, rewrite) : state.request;
    const signed = { ...state, request };
    const key = handoffKey(signingSecret);
    const value = signHandoff(signed, key);
    const handoff = typeof value === 'string' ? value : await value;
    if (key.id !== null) rememberHandoff(handoff, key.id, signed);
    return forwardHandoff(response, req.headers, handoff);
  };

  // One `authlens.middleware` span per request, a child of Next's own middleware span (the active one) when Next
  // traces, else of the trace the request arrived with. With no tracer provider registered the span would record
  // nothing: the request skips making one.
  return (req, event) =>
    !tracingRegistered()
      ? handle(req, event, NON_RECORDING_SPAN)
      : authlensTracer().startActiveSpan(SpanName.middleware, {}, requestParentContext(req.headers), async (span) => {
          try {
            return await handle(req, event, span);
          } catch (error) {
            failSpan(span, error);
            throw error;
          } finally {
            span.end();
          }
        });
}

/**
 * The middleware's own answer for a cookie-protocol verdict, or null to go on to the handler: a handshake is a 307
 * to the Frontend API (the request id rides along in a cookie); a resolved handshake on a development instance is a
 * 307 to the clean URL carrying the new cookies.
 */
function sessionProtocolResponse(verdict: SessionVerdict, requestId: string): Response | null {
  const location = verdict.headers.get('location');
  if (!location) return null;
  const response = NextResponse.redirect(location, 307);
  appendHeaders(response, verdict.headers);
  if (verdict.status === 'handshake') setHandshakeRequestId(response.headers, requestId);
  else clearHandshakeRequestId(response.headers);
  return response;
}

function hasEntries(headers: Headers): boolean {
  return !headers.keys().next().done;
}

/** `response` with `headers` added; a copy when its headers are immutable (a `Response.redirect()` from a handler). */
function withHeaders(response: Response, headers: Headers): Response {
  try {
    appendHeaders(response, headers);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    appendHeaders(copy, headers);
    return copy;
  }
}

function appendHeaders(response: Response, headers: Headers): void {
  headers.forEach((value, name) => {
    if (name === 'location' || name === 'set-cookie') return;
    response.headers.set(name, value);
  });
  for (const cookie of headers.getSetCookie()) response.headers.append('set-cookie', cookie);
}

interface HandoffSetup {
  /** What the handoff is signed with: the secret the render's environment has, else the middleware's own. */
  signingSecret: string;
  renderKeys: Promise<RenderKeys> | RenderKeys;
  /** The render reads the same keys from its environment: nothing to seal, nothing to keep for clerkClient(). */
  renderKeysFromEnv: boolean;
}

// Per resolved configuration (static options: once per process), so requests read no environment variables for it.
const handoffSetups = new WeakMap<ResolvedConfig, HandoffSetup>();

function handoffSetupFor(config: ResolvedConfig): HandoffSetup {
  let setup = handoffSetups.get(config);
  if (!setup) {
    const env = readEnv();
    // Keys given as options (several instances behind one app) reach the render sealed, as with Clerk.
    const renderKeys = renderKeysFor(config, {
      secretKey: envSecretKey(env),
      apiUrl: envApiUrl(env),
      encryptionKey: encryptionKeyFromEnv(env),
    });
    setup = {
      // The render verifies with CLERK_ENCRYPTION_KEY, else CLERK_SECRET_KEY, from its environment.
      signingSecret: handoffSecretFromEnv(env) ?? config.secretKey,
      renderKeys,
      renderKeysFromEnv: renderKeys === RENDER_KEYS_FROM_ENV,
    };
    handoffSetups.set(config, setup);
  }
  return setup;
}

function pathnameOf(req: NextRequest): string {
  return req.nextUrl?.pathname ?? new URL(req.url).pathname;
}

function requestFacts(req: NextRequest): { method: string; pathname: string } {
  return { method: req.method, pathname: pathnameOf(req) };
}

export const clerkMiddleware = ((...args: unknown[]) => {
  if (args[0] instanceof Request) {
    return createMiddleware(undefined, {})(args[0] as NextRequest, args[1] as NextFetchEvent);
  }
  const { handler, options } = parseArgs(args);
  return createMiddleware(handler, options) as NextMiddleware;
}) as ClerkMiddleware;

/** Which header made the request's kind, and for a server action which action ran (its id, not a secret). */
function recordRequestKindSignal(span: Span, headers: Headers): void {
  if (!span.isRecording()) return;
  span.setAttribute(AttributeName.requestKindSignal, requestKindSignal(headers));
  const action = headers.get('next-action');
  if (action) span.setAttribute(AttributeName.serverActionId, action);
}
