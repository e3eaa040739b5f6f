/**
 * The middleware's spans, in-process with real `NextRequest`s and a real SDK tracer: `authlens.middleware`,
 * `authlens.auth` and `authlens.protect` (every outcome and the reasons decideProtect's coarse reasons map to),
 * `authlens.get_token`, the matched route, the decisions counter, and the trace context handed to the render.
 */
import { AttributeName as A, Metric, Outcome, PendingPolicy, Reason, SpanName } from '@authlens/otel';
import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { NextFetchEvent } from 'next/server';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendJson, startRawServer } from '../backend-api/test-support/raw-server.js';
import { type ClerkMiddlewareHandler, clerkMiddleware } from '../next/clerk-middleware.js';
import { createRouteMatcher } from '../next/create-route-matcher.js';
import { handoffKey } from '../next/handoff/handoff-key.js';
import { HANDOFF_HEADER } from '../next/handoff/handoff-state.js';
import { verifyHandoff } from '../next/handoff/verify-handoff.js';
import { nowSeconds, sessionClaims, signRs, testKeyPair } from '../tokens/test-support/mint.js';
import { type RecordedTelemetry, recordTelemetry } from './test-support/record-telemetry.js';

const secretKey = 'sk_test_telemetry_unit';
const pair = testKeyPair('telemetry-middleware');
const event = {} as NextFetchEvent;
const document = { accept: 'text/html', 'sec-fetch-dest': 'document' };
const member = signRs(
  sessionClaims({ sub: 'user_bob', sid: 'sess_bob', org_id: 'org_acme', org_role: 'org:member', org_permissions: [] }),
  pair,
);
const pending = signRs(sessionClaims({ sub: 'user_pat', sid: 'sess_pat', sts: 'pending' }), pair);
const expired = signRs(
  sessionClaims({ exp: nowSeconds() - 60, iat: nowSeconds() - 120, nbf: nowSeconds() - 120 }),
  pair,
);

let telemetry: RecordedTelemetry;
let api: Awaited<ReturnType<typeof startRawServer>>;
let options: {
  secretKey: string;
  jwtKey: string;
  signInUrl: string;
  apiUrl: string;
  allowedRedirectOrigins: string[];
};

beforeAll(async () => {
  vi.stubEnv('CLERK_SECRET_KEY', '');
  telemetry = recordTelemetry();
  // The Backend API getToken({ template }) mints through.
  api = await startRawServer((_req, res) => sendJson(res, 200, { object: 'token', jwt: 'minted.template.jwt' }));
  options = {
    secretKey,
    jwtKey: pair.pem,
    signInUrl: 'http://backend.test/sign-in',
    apiUrl: api.url,
    // The app's public origin (the Host these requests carry), declared as behind a proxy.
    allowedRedirectOrigins: ['http://app.test:3000'],
  };
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await api.close();
  await telemetry.stop();
});
beforeEach(() => telemetry.reset());

function request(path: string, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(`http://localhost:3000${path}`, { headers: { host: 'app.test:3000', ...headers } });
}
const cookie = (token: string) => ({ cookie: `__session=${token}` });

function only(name: string): ReadableSpan {
  const spans = telemetry.spansNamed(name);
  expect(spans, name).toHaveLength(1);
  return spans[0]!;
}

async function run(handler: ClerkMiddlewareHandler | undefined, req: NextRequest): Promise<Response> {
  const mw = handler ? clerkMiddleware(handler, options) : clerkMiddleware(options);
  return (await mw(req, event)) as Response;
}

const protectWith =
  (...args: unknown[]): ClerkMiddlewareHandler =>
  async (auth) => {
    await (auth.protect as (...a: unknown[]) => Promise<unknown>)(...args);
  };

describe('authlens.middleware', () => {
  it('signed in by cookie: request id (the handoff’s), kind, source, type, session, ids, outcome and reason', async () => {
    const res = await run(undefined, request('/dashboard?q=secret-query', { ...document, ...cookie(member) }));
    const span = only(SpanName.middleware);
    const state = await verifyHandoff(
      res.headers.get(`x-middleware-request-${HANDOFF_HEADER}`)!,
      handoffKey(secretKey),
      { method: 'GET', path: '/dashboard', search: '?q=secret-query' },
    );
    expect(span.attributes).toMatchObject({
      [A.requestId]: state.requestId,
      [A.httpRequestMethod]: 'GET',
      [A.urlPath]: '/dashboard',
      [A.requestKind]: 'document',
      [A.tokenSource]: 'cookie',
      [A.tokenType]: 'session_token',
      [A.sessionStatus]: 'active',
      [A.userId]: 'user_bob',
      [A.sessionId]: 'sess_bob',
      [A.orgId]: 'org_acme',
      [A.orgRole]: 'org:member',
      [A.outcome]: Outcome.signed_in,
      [A.reason]: Reason.valid_token,
    });
    expect(span.attributes[A.httpResponseStatusCode]).toBeUndefined();
    // The verification is a child of the middleware span, in its trace.
    const verify = only(SpanName.tokenVerify);
    expect(verify.parentSpanContext?.spanId).toBe(span.spanContext().spanId);
    // The render gets the middleware span's trace context through the signed handoff.
    expect(state.traceParent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    // Nothing secret: not the token, not the query string.
    const exported = JSON.stringify(telemetry.spans().map((s) => s.attributes));
    expect(exported).not.toContain(member);
    expect(exported).not.toContain(member.split('.')[2]);
    expect(exported).not.toContain('secret-query');
  });

  it('signed out: missing_token with source none; an expired Bearer token says expired', async () => {
    await run(undefined, request('/api/x'));
    expect(only(SpanName.middleware).attributes).toMatchObject({
      [A.tokenSource]: 'none',
      [A.requestKind]: 'api',
      [A.outcome]: Outcome.signed_out,
      [A.reason]: Reason.missing_token,
    });
    telemetry.reset();
    await run(undefined, request('/api/x', { authorization: `Bearer ${expired}`, 'next-action': 'a1' }));
    expect(only(SpanName.middleware).attributes).toMatchObject({
      [A.tokenSource]: 'header',
      [A.requestKind]: 'server_action',
      [A.outcome]: Outcome.signed_out,
      [A.reason]: Reason.expired,
    });
  });

  it('a pending session is signed in by default (pending_as_signed_in)', async () => {
    await run(undefined, request('/p', cookie(pending)));
    expect(only(SpanName.middleware).attributes).toMatchObject({
      [A.sessionStatus]: 'pending',
      [A.outcome]: Outcome.signed_in,
      [A.reason]: Reason.pending_as_signed_in,
    });
  });

  it('the pattern a route matcher matched is http.route', async () => {
    const isAdmin = createRouteMatcher(['/admin(.*)', '/settings(.*)']);
    await run((_auth, req) => {
      isAdmin(req);
    }, request('/settings/profile'));
    expect(only(SpanName.middleware).attributes[A.httpRoute]).toBe('/settings(.*)');
  });

  it('a failing handler: status ERROR with error.type; the decision is still recorded', async () => {
    const failing = Object.assign(new Error('boom'), { code: 'ERR_APP_BUG' });
    await expect(
      run(() => {
        throw failing;
      }, request('/x')),
    ).rejects.toBe(failing);
    const span = only(SpanName.middleware);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes[A.errorType]).toBe('ERR_APP_BUG');
    expect(span.attributes[A.outcome]).toBe(Outcome.signed_out);
  });

  it('the pass Next makes for a middleware 404 (the rewritten path) keeps the request id; a forged handoff does not', async () => {
    const first = await run(protectWith({ role: 'admin' }), request('/api/d', cookie(member)));
    const rewrite = new URL(first.headers.get('x-middleware-rewrite')!);
    const handoff = first.headers.get(`x-middleware-request-${HANDOFF_HEADER}`)!;
    const again = await run(
      protectWith({ role: 'admin' }),
      request(rewrite.pathname, { ...cookie(member), [HANDOFF_HEADER]: handoff }),
    );
    const [one, two] = telemetry.spansNamed(SpanName.middleware);
    expect(two!.attributes[A.urlPath]).toBe(rewrite.pathname);
    expect(two!.attributes[A.requestId]).toBe(one!.attributes[A.requestId]);
    const state = await verifyHandoff(
      again.headers.get(`x-middleware-request-${HANDOFF_HEADER}`)!,
      handoffKey(secretKey),
      // This pass 404s too (its handler protects every path): its handoff is made for its own rewrite.
      { method: 'GET', path: new URL(again.headers.get('x-middleware-rewrite')!).pathname, search: '' },
    );
    expect(state.requestId).toBe(one!.attributes[A.requestId]);
    telemetry.reset();
    await run(undefined, request(rewrite.pathname, { [HANDOFF_HEADER]: `${handoff.slice(0, -4)}AAAA` }));
    await run(undefined, request('/elsewhere', { [HANDOFF_HEADER]: handoff }));
    const ids = telemetry.spansNamed(SpanName.middleware).map((s) => s.attributes[A.requestId]);
    expect(ids).not.toContain(one!.attributes[A.requestId]);
  });

  it('counts one decision per request by outcome, reason, kind and token type', async () => {
    await run(undefined, request('/a', cookie(member)));
    await run(undefined, request('/b'));
    await run(undefined, request('/c'));
    const points = (await telemetry.metricPoints()).filter((p) => p.name === Metric.decisions.name);
    expect(points).toContainEqual({
      name: Metric.decisions.name,
      attributes: {
        [A.outcome]: 'signed_in',
        [A.reason]: 'valid_token',
        [A.requestKind]: 'api',
        [A.tokenType]: 'session_token',
      },
      value: 1,
    });
    expect(points).toContainEqual({
      name: Metric.decisions.name,
      attributes: { [A.outcome]: 'signed_out', [A.reason]: 'missing_token', [A.requestKind]: 'api' },
      value: 2,
    });
  });
});

describe('authlens.auth (in the middleware handler)', () => {
  it('acceptsToken, whether it matched, the pending policy, the caller', async () => {
    await run(
      async (auth) => {
        await auth({ acceptsToken: ['session_token', 'api_key'] });
      },
      request('/', cookie(member)),
    );
    const span = only(SpanName.auth);
    expect(span.attributes).toMatchObject({
      [A.acceptsToken]: ['session_token', 'api_key'],
      [A.acceptsTokenMatched]: true,
      [A.pendingPolicy]: PendingPolicy.as_signed_in,
      [A.userId]: 'user_bob',
      [A.outcome]: Outcome.signed_in,
      [A.reason]: Reason.valid_token,
    });
    expect(span.attributes[A.requestId]).toBe(only(SpanName.middleware).attributes[A.requestId]);
  });

  it('a session where only machine tokens are accepted: not matched, token_type_not_accepted', async () => {
    await run(
      async (auth) => {
        await auth({ acceptsToken: 'm2m_token' });
      },
      request('/', cookie(member)),
    );
    expect(only(SpanName.auth).attributes).toMatchObject({
      [A.acceptsToken]: ['m2m_token'],
      [A.acceptsTokenMatched]: false,
      [A.outcome]: Outcome.signed_out,
      [A.reason]: Reason.token_type_not_accepted,
    });
  });

  it('a pending session with treatPendingAsSignedOut: as_signed_out, pending_as_signed_out', async () => {
    await run(
      async (auth) => {
        await auth({ treatPendingAsSignedOut: true });
      },
      request('/', cookie(pending)),
    );
    expect(only(SpanName.auth).attributes).toMatchObject({
      [A.pendingPolicy]: PendingPolicy.as_signed_out,
      [A.outcome]: Outcome.signed_out,
      [A.reason]: Reason.pending_as_signed_out,
    });
  });
});

describe('authlens.protect', () => {
  const cases: Array<{
    name: string;
    args: unknown[];
    req: () => NextRequest;
    expect: Record<string, unknown>;
  }> = [
    {
      name: 'signed in, no requirement → allowed / authorized',
      args: [],
      req: () => request('/d', { ...document, ...cookie(member) }),
      expect: { [A.protectRequirementKind]: 'none', [A.outcome]: 'allowed', [A.reason]: 'authorized' },
    },
    {
      name: 'signed out document → redirect_sign_in (307) / missing_token',
      args: [],
      req: () => request('/d', document),
      expect: { [A.outcome]: 'redirect_sign_in', [A.reason]: 'missing_token', [A.httpResponseStatusCode]: 307 },
    },
    {
      name: 'signed out API request → not_found (404) / the token’s own reason (expired)',
      args: [],
      req: () => request('/api/d', cookie(expired)),
      expect: { [A.outcome]: 'not_found', [A.reason]: 'expired', [A.httpResponseStatusCode]: 404 },
    },
    {
      name: 'signed out server action → unauthorized (401)',
      args: [],
      req: () => request('/d', { 'next-action': 'a1' }),
      expect: { [A.requestKind]: 'server_action', [A.outcome]: 'unauthorized', [A.httpResponseStatusCode]: 401 },
    },
    {
      name: 'signed out with unauthenticatedUrl → redirect_unauthenticated_url',
      args: [{ unauthenticatedUrl: 'http://app.test:3000/login' }],
      req: () => request('/d', document),
      expect: { [A.outcome]: 'redirect_unauthenticated_url', [A.reason]: 'missing_token' },
    },
    {
      name: 'role missing → not_found / role_missing, the role normalised',
      args: [{ role: 'admin' }],
      req: () => request('/d', { ...document, ...cookie(member) }),
      expect: {
        [A.protectRequirementKind]: 'role',
        [A.protectRequirementValue]: 'org:admin',
        [A.orgRole]: 'org:member',
        [A.outcome]: 'not_found',
        [A.reason]: 'role_missing',
        [A.httpResponseStatusCode]: 404,
      },
    },
    {
      name: 'role held → allowed',
      args: [{ role: 'org:member' }],
      req: () => request('/d', cookie(member)),
      expect: { [A.protectRequirementKind]: 'role', [A.outcome]: 'allowed', [A.reason]: 'authorized' },
    },
    {
      name: 'permission missing with unauthorizedUrl → redirect_unauthorized_url / permission_missing',
      args: [{ permission: 'org:team:manage', unauthorizedUrl: 'http://app.test:3000/upgrade' }],
      req: () => request('/d', { ...document, ...cookie(member) }),
      expect: {
        [A.protectRequirementKind]: 'permission',
        [A.protectRequirementValue]: 'org:team:manage',
        [A.outcome]: 'redirect_unauthorized_url',
        [A.reason]: 'permission_missing',
        [A.httpResponseStatusCode]: 307,
      },
    },
    {
      name: 'condition false → not_found / condition_false',
      args: [() => false],
      req: () => request('/d', cookie(member)),
      expect: { [A.protectRequirementKind]: 'condition', [A.outcome]: 'not_found', [A.reason]: 'condition_false' },
    },
    {
      name: 'a session where an M2M token is required → unauthorized / token_type_not_accepted',
      args: [{ token: 'm2m_token' }],
      req: () => request('/api/d', cookie(member)),
      expect: {
        [A.protectRequirementKind]: 'token',
        [A.protectRequirementValue]: 'm2m_token',
        [A.acceptsToken]: ['m2m_token'],
        [A.outcome]: 'unauthorized',
        [A.reason]: 'token_type_not_accepted',
      },
    },
    {
      name: 'an M2M token required, none sent → unauthorized / missing_token',
      args: [{ token: 'm2m_token' }],
      req: () => request('/api/d'),
      expect: { [A.outcome]: 'unauthorized', [A.reason]: 'missing_token' },
    },
    {
      name: 'pending treated as signed out → redirect_sign_in / pending_as_signed_out',
      args: [{ treatPendingAsSignedOut: true }],
      req: () => request('/d', { ...document, ...cookie(pending) }),
      expect: {
        [A.pendingPolicy]: 'as_signed_out',
        [A.outcome]: 'redirect_sign_in',
        [A.reason]: 'pending_as_signed_out',
      },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      await run(protectWith(...c.args), c.req());
      const span = only(SpanName.protect);
      expect(span.attributes).toMatchObject(c.expect);
      // Handled outcomes are not errors.
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
      expect(span.attributes[A.requestId]).toBe(only(SpanName.middleware).attributes[A.requestId]);
      const decision = (await telemetry.metricPoints()).find(
        (p) => p.name === Metric.decisions.name && p.attributes[A.outcome] === c.expect[A.outcome],
      );
      expect(decision?.attributes[A.reason]).toBe(span.attributes[A.reason]);
    });
  }

  it('the middleware span carries the status the protect outcome answered with', async () => {
    await run(protectWith({ role: 'admin' }), request('/api/d', cookie(member)));
    expect(only(SpanName.middleware).attributes[A.httpResponseStatusCode]).toBe(404);
    telemetry.reset();
    await run(protectWith(), request('/d', document));
    expect(only(SpanName.middleware).attributes[A.httpResponseStatusCode]).toBe(307);
  });
});

describe('authlens.redirect', () => {
  it('redirectToSignIn(): the sign-in URL it sent the browser to, the status and why the caller was signed out', async () => {
    await run(
      async (auth) => {
        const { userId, redirectToSignIn } = await auth();
        if (!userId) redirectToSignIn();
      },
      request('/account?tab=1', cookie(expired)),
    );
    const span = only(SpanName.redirect);
    const requestId = only(SpanName.middleware).attributes[A.requestId];
    expect(span.attributes).toMatchObject({
      [A.requestId]: requestId,
      [A.outcome]: Outcome.redirect_sign_in,
      [A.reason]: Reason.expired,
      [A.httpResponseStatusCode]: 307,
      [A.redirectTarget]: `http://backend.test/sign-in?redirect_url=${encodeURIComponent('http://app.test:3000/account?tab=1')}`,
    });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('redirectToSignUp(): outcome redirect_sign_up, to the sign-up URL', async () => {
    const handler: ClerkMiddlewareHandler = async (auth) => {
      const { redirectToSignUp } = await auth();
      redirectToSignUp({ returnBackUrl: null });
    };
    await clerkMiddleware(handler, { ...options, signUpUrl: 'http://backend.test/sign-up' })(
      request('/d', document),
      event,
    );
    expect(only(SpanName.redirect).attributes).toMatchObject({
      [A.outcome]: Outcome.redirect_sign_up,
      [A.reason]: Reason.missing_token,
      [A.redirectTarget]: 'http://backend.test/sign-up',
    });
  });
});

describe('authlens.get_token', () => {
  it('session and template (the Backend API call beneath it), never the token returned', async () => {
    let minted: string | null = null;
    await run(
      async (auth) => {
        const { getToken } = await auth();
        minted = await getToken({ template: 'supabase' });
      },
      request('/', cookie(member)),
    );
    expect(minted).toBe('minted.template.jwt');
    const span = only(SpanName.getToken);
    expect(span.attributes).toMatchObject({
      [A.sessionId]: 'sess_bob',
      [A.tokenTemplate]: 'supabase',
      [A.requestId]: only(SpanName.middleware).attributes[A.requestId],
    });
    const backend = only(SpanName.backendRequest);
    expect(backend.parentSpanContext?.spanId).toBe(span.spanContext().spanId);
    expect(backend.attributes[A.urlTemplate]).toBe('/v1/sessions/{session_id}/tokens/{template}');
    expect(JSON.stringify(telemetry.spans().map((s) => s.attributes))).not.toContain('minted.template.jwt');
  });
});
