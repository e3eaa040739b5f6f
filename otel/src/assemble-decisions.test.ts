import { describe, expect, it } from 'vitest';
import { assembleDecisions } from './assemble-decisions.js';
import { AttributeName as A } from './attribute-names.js';
import type { DecisionRecord } from './decision-record.js';
import { explainDecision } from './explain-decision.js';
import { SpanName } from './span-names.js';
import { recordSpans, type SpanPlan } from './test-support/record-spans.js';
import {
  activeSession,
  authCall,
  middleware,
  NOW_SECONDS,
  noToken,
  protectCall,
  REQUEST_ID,
  redirectCall,
  signedInMiddleware,
  validVerify,
  verify,
} from './test-support/request-plans.js';
import { Outcome } from './values/outcome.js';
import { Reason } from './values/reason.js';
import { RequestKind } from './values/request-kind.js';
import { TokenType } from './values/token-type.js';

async function decide(...traces: SpanPlan[][]): Promise<DecisionRecord> {
  const records = assembleDecisions(await recordSpans(...traces));
  expect(records).toHaveLength(1);
  return records[0]!;
}

const expiredSessionMiddleware = (kind: RequestKind) =>
  middleware(
    kind,
    { ...activeSession, [A.userId]: undefined, [A.sessionId]: undefined },
    Outcome.signed_out,
    Reason.expired,
    [verify('invalid', Reason.expired, { [A.tokenExpiresAt]: NOW_SECONDS - 12 })],
  );

interface Case {
  readonly traces: SpanPlan[][];
  readonly expected: Partial<DecisionRecord>;
  readonly sentence: string;
}

/** One request per outcome; `Record<Outcome, …>` makes a new outcome without a case a type error. */
const outcomeCases: Record<Outcome, Case> = {
  signed_in: {
    traces: [[signedInMiddleware()]],
    expected: { reason: Reason.valid_token, userId: 'user_1', sessionId: 'sess_1', statusCode: null, protect: null },
    sentence: 'signed in as user_1 (session sess_1, active)',
  },
  handshake: {
    traces: [
      [
        middleware(
          RequestKind.document,
          { [A.tokenSource]: 'cookie', [A.tokenType]: 'session_token', [A.httpResponseStatusCode]: 307 },
          Outcome.handshake,
          Reason.expired,
          [verify('invalid', Reason.expired, { [A.tokenExpiresAt]: NOW_SECONDS - 12 })],
        ),
      ],
    ],
    expected: { reason: Reason.expired, statusCode: 307, userId: null },
    sentence: 'token expired → handshake with the Frontend API',
  },
  signed_out: {
    traces: [[middleware(RequestKind.api, noToken, Outcome.signed_out, Reason.missing_token)]],
    expected: { reason: Reason.missing_token, userId: null, tokenSource: 'none' },
    sentence: 'no session cookie or Bearer token → signed out',
  },
  allowed: {
    traces: [
      [
        middleware(
          RequestKind.document,
          { ...activeSession, [A.orgRole]: 'org:admin' },
          Outcome.signed_in,
          'valid_token',
        ),
        protectCall(RequestKind.document, Outcome.allowed, Reason.authorized, {
          [A.protectRequirementKind]: 'role',
          [A.protectRequirementValue]: 'org:admin',
        }),
      ],
    ],
    expected: { reason: Reason.authorized, orgRole: 'org:admin' },
    sentence: 'role org:admin required, user has org:admin → allowed',
  },
  redirect_sign_in: {
    traces: [
      [
        middleware(RequestKind.document, noToken, Outcome.signed_out, Reason.missing_token),
        protectCall(RequestKind.document, Outcome.redirect_sign_in, Reason.missing_token, {
          [A.httpResponseStatusCode]: 307,
        }),
      ],
    ],
    expected: { reason: Reason.missing_token, statusCode: 307, requestKind: 'document' },
    sentence: 'auth.protect() on a signed-out document request → redirect to sign-in',
  },
  redirect_sign_up: {
    traces: [
      [
        middleware(RequestKind.document, noToken, Outcome.signed_out, Reason.missing_token),
        authCall({ [A.outcome]: Outcome.signed_out, [A.reason]: Reason.missing_token }),
        redirectCall(Outcome.redirect_sign_up, Reason.missing_token, 'https://accounts.test/sign-up'),
      ],
    ],
    expected: { reason: Reason.missing_token, statusCode: 307, redirectTarget: 'https://accounts.test/sign-up' },
    sentence: 'redirectToSignUp() → redirect to sign-up (https://accounts.test/sign-up)',
  },
  redirect_unauthenticated_url: {
    traces: [
      [
        expiredSessionMiddleware(RequestKind.document),
        protectCall(RequestKind.document, Outcome.redirect_unauthenticated_url, Reason.expired, {
          [A.httpResponseStatusCode]: 307,
        }),
      ],
    ],
    expected: { reason: Reason.expired, statusCode: 307 },
    sentence: 'auth.protect() on a signed-out document request → redirect to unauthenticatedUrl',
  },
  redirect_unauthorized_url: {
    traces: [
      [
        signedInMiddleware(),
        protectCall(RequestKind.document, Outcome.redirect_unauthorized_url, Reason.role_missing, {
          [A.protectRequirementKind]: 'role',
          [A.protectRequirementValue]: 'org:premium',
          [A.httpResponseStatusCode]: 307,
        }),
      ],
    ],
    expected: { reason: Reason.role_missing, statusCode: 307 },
    sentence: 'role org:premium required, user has org:member → redirect to unauthorizedUrl',
  },
  not_found: {
    traces: [
      [
        middleware(RequestKind.api, noToken, Outcome.signed_out, Reason.missing_token),
        protectCall(RequestKind.api, Outcome.not_found, Reason.missing_token, { [A.httpResponseStatusCode]: 404 }),
      ],
    ],
    expected: { reason: Reason.missing_token, statusCode: 404, requestKind: 'api' },
    sentence: 'auth.protect() on a signed-out api request → 404',
  },
  unauthorized: {
    traces: [
      [
        middleware(RequestKind.server_action, noToken, Outcome.signed_out, Reason.missing_token),
        protectCall(RequestKind.server_action, Outcome.unauthorized, Reason.missing_token, {
          [A.httpResponseStatusCode]: 401,
        }),
      ],
    ],
    expected: { reason: Reason.missing_token, statusCode: 401, method: 'POST', requestKind: 'server_action' },
    sentence: 'auth.protect() on a signed-out server action request → 401',
  },
};

/** One request per reason code, and the sentence the dashboard shows for it. */
const reasonCases: Record<Reason, Case> = {
  valid_token: outcomeCases.signed_in,
  pending_as_signed_in: {
    traces: [
      [
        middleware(
          RequestKind.document,
          { ...activeSession, [A.sessionStatus]: 'pending' },
          Outcome.signed_in,
          'pending_as_signed_in',
        ),
        authCall({
          [A.pendingPolicy]: 'as_signed_in',
          [A.outcome]: Outcome.signed_in,
          [A.reason]: 'pending_as_signed_in',
        }),
      ],
    ],
    expected: { outcome: Outcome.signed_in, sessionStatus: 'pending', pendingPolicy: 'as_signed_in' },
    sentence: 'pending session treated as signed in (default)',
  },
  pending_as_signed_out: {
    traces: [
      [
        middleware(
          RequestKind.document,
          { ...activeSession, [A.sessionStatus]: 'pending' },
          Outcome.signed_in,
          'pending_as_signed_in',
        ),
        authCall({
          [A.pendingPolicy]: 'as_signed_out',
          [A.outcome]: Outcome.signed_out,
          [A.reason]: Reason.pending_as_signed_out,
        }),
      ],
    ],
    expected: { outcome: Outcome.signed_out, sessionStatus: 'pending', pendingPolicy: 'as_signed_out' },
    sentence: 'pending session treated as signed out (treatPendingAsSignedOut)',
  },
  missing_token: outcomeCases.signed_out,
  expired: {
    traces: [[expiredSessionMiddleware(RequestKind.document)]],
    expected: { outcome: Outcome.signed_out, userId: null },
    sentence: 'token expired 12 s ago → signed out',
  },
  not_yet_valid: rejectedCase(
    Reason.not_yet_valid,
    { [A.tokenNotBefore]: NOW_SECONDS + 30 },
    'token not valid for another 30 s → signed out',
  ),
  bad_signature: rejectedCase(Reason.bad_signature, {}, 'token signature does not verify → signed out'),
  unknown_kid: rejectedCase(
    Reason.unknown_kid,
    { [A.tokenKid]: 'ins_key_9', [A.jwksCacheResult]: 'refetch' },
    'token signed with an unknown key (kid ins_key_9) → signed out',
  ),
  wrong_azp: rejectedCase(Reason.wrong_azp, {}, 'token issued for another origin (azp not authorized) → signed out'),
  malformed: rejectedCase(Reason.malformed, {}, 'token is malformed → signed out'),
  wrong_token_type: rejectedCase(
    Reason.wrong_token_type,
    {},
    'token is not a session token (e.g. a JWT-template token) → signed out',
  ),
  unsupported_alg: rejectedCase(
    Reason.unsupported_alg,
    { [A.tokenAlgorithm]: 'HS256' },
    'token algorithm HS256 is not supported → signed out',
  ),
  machine_token_invalid: {
    traces: [
      [
        middleware(
          RequestKind.api,
          { [A.tokenSource]: 'header', [A.tokenType]: TokenType.m2m_token },
          Outcome.signed_out,
          Reason.machine_token_invalid,
          [
            verify('invalid', Reason.machine_token_invalid, {
              [A.tokenType]: TokenType.m2m_token,
              [A.tokenAlgorithm]: undefined,
              [A.tokenKid]: undefined,
            }),
          ],
        ),
        protectCall(RequestKind.api, Outcome.unauthorized, Reason.machine_token_invalid, {
          [A.protectRequirementKind]: 'token',
          [A.protectRequirementValue]: TokenType.m2m_token,
          [A.acceptsToken]: [TokenType.m2m_token],
          [A.httpResponseStatusCode]: 401,
        }),
      ],
    ],
    expected: { outcome: Outcome.unauthorized, statusCode: 401, tokenType: 'm2m_token', tokenSource: 'header' },
    sentence: 'm2m_token invalid → 401',
  },
  key_unavailable: {
    traces: [
      [
        middleware(
          RequestKind.document,
          { [A.tokenSource]: 'cookie', [A.tokenType]: 'session_token' },
          Outcome.signed_out,
          Reason.key_unavailable,
          [
            {
              ...verify('invalid', Reason.key_unavailable, { [A.jwksCacheResult]: 'miss' }),
              error: { type: 'ERR_TOKEN_KEY_UNAVAILABLE', message: 'Backend API unreachable' },
            },
          ],
        ),
      ],
    ],
    expected: {
      outcome: Outcome.signed_out,
      errors: [expect.objectContaining({ spanName: SpanName.tokenVerify, errorType: 'ERR_TOKEN_KEY_UNAVAILABLE' })],
    },
    sentence: 'signing keys could not be loaded (JWKS fetch failed) → signed out',
  },
  issued_in_future: rejectedCase(
    Reason.issued_in_future,
    {},
    'token issued in the future (check the server clock) → signed out',
  ),
  invalid_claims: rejectedCase(Reason.invalid_claims, {}, 'token claims have the wrong shape → signed out'),
  wrong_issuer: rejectedCase(Reason.wrong_issuer, {}, 'token issued by another instance (iss) → signed out'),
  wrong_audience: rejectedCase(Reason.wrong_audience, {}, 'token audience (aud) not accepted → signed out'),
  machine_token_unverified: rejectedCase(
    Reason.machine_token_unverified,
    { [A.tokenType]: TokenType.api_key },
    'api_key could not be checked (Backend API unavailable) → signed out',
  ),
  machine_token_malformed: rejectedCase(
    Reason.machine_token_malformed,
    { [A.tokenType]: TokenType.m2m_token },
    'm2m_token is not of the form Clerk issues (no Backend API call) → signed out',
  ),
  refused_recently: rejectedCase(
    Reason.refused_recently,
    { [A.tokenType]: TokenType.api_key },
    'api_key refused moments ago (negative cache, no Backend API call) → signed out',
  ),
  budget_reserved: rejectedCase(
    Reason.budget_reserved,
    { [A.tokenType]: TokenType.oauth_token },
    'oauth_token not checked: the rest of the rate-limit window is reserved → signed out',
  ),
  invalid_key: rejectedCase(
    Reason.invalid_key,
    { [A.jwksCacheResult]: 'jwt_key' },
    'the configured CLERK_JWT_KEY is not a usable public key → signed out',
  ),
  verification_failed: rejectedCase(Reason.verification_failed, {}, 'token verification failed → signed out'),
  session_token_without_client_uat: protocolCase(
    Reason.session_token_without_client_uat,
    'session cookie without __client_uat → signed out',
  ),
  client_uat_without_session_token: protocolCase(
    Reason.client_uat_without_session_token,
    '__client_uat without a session cookie → signed out',
  ),
  session_token_iat_before_client_uat: protocolCase(
    Reason.session_token_iat_before_client_uat,
    "session token older than the client's last change (__client_uat) → signed out",
  ),
  dev_browser_missing: protocolCase(Reason.dev_browser_missing, 'no dev browser (__clerk_db_jwt) → signed out'),
  dev_browser_sync: protocolCase(Reason.dev_browser_sync, '__clerk_db_jwt in the URL to sync → signed out'),
  cross_origin_sync: protocolCase(Reason.cross_origin_sync, 'signed-in navigation from another site → signed out'),
  handshake_loop: protocolCase(Reason.handshake_loop, 'handshake redirected 3 times in a row → signed out'),
  handshake_token_invalid: protocolCase(Reason.handshake_token_invalid, 'handshake token does not verify → signed out'),
  handshake_nonce_unresolved: protocolCase(
    Reason.handshake_nonce_unresolved,
    'handshake nonce not resolved by the Backend API → signed out',
  ),
  token_type_not_accepted: {
    traces: [
      [
        signedInMiddleware(RequestKind.api),
        authCall({
          [A.tokenType]: TokenType.session_token,
          [A.acceptsToken]: [TokenType.m2m_token],
          [A.acceptsTokenMatched]: false,
          [A.outcome]: Outcome.signed_out,
          [A.reason]: Reason.token_type_not_accepted,
        }),
      ],
    ],
    expected: { outcome: Outcome.signed_out, acceptsToken: ['m2m_token'], acceptsTokenMatched: false },
    sentence: 'session_token presented, accepts m2m_token → signed out',
  },
  authorized: {
    traces: [[signedInMiddleware(), protectCall(RequestKind.document, Outcome.allowed, Reason.authorized)]],
    expected: { outcome: Outcome.allowed, statusCode: null },
    sentence: 'auth.protect() → allowed',
  },
  role_missing: {
    traces: [
      [
        signedInMiddleware(RequestKind.api),
        protectCall(RequestKind.api, Outcome.not_found, Reason.role_missing, {
          [A.protectRequirementKind]: 'role',
          [A.protectRequirementValue]: 'org:admin',
          [A.httpResponseStatusCode]: 404,
        }),
      ],
    ],
    expected: { outcome: Outcome.not_found, statusCode: 404 },
    sentence: 'role org:admin required, user has org:member → 404',
  },
  permission_missing: {
    traces: [
      [
        signedInMiddleware(),
        protectCall(RequestKind.document, Outcome.not_found, Reason.permission_missing, {
          [A.protectRequirementKind]: 'permission',
          [A.protectRequirementValue]: 'org:team:manage',
          [A.httpResponseStatusCode]: 404,
        }),
      ],
    ],
    expected: { outcome: Outcome.not_found },
    sentence: 'permission org:team:manage required, user lacks it → 404',
  },
  condition_false: {
    traces: [
      [
        signedInMiddleware(),
        protectCall(RequestKind.document, Outcome.not_found, Reason.condition_false, {
          [A.protectRequirementKind]: 'condition',
          [A.httpResponseStatusCode]: 404,
        }),
      ],
    ],
    expected: { outcome: Outcome.not_found },
    sentence: 'custom condition returned false → 404',
  },
};

/** A request the cookie protocol signed out (an API request, so no handshake), without a token verification. */
function protocolCase(reason: Reason, sentence: string): Case {
  return {
    traces: [[middleware(RequestKind.api, { [A.tokenSource]: 'cookie' }, Outcome.signed_out, reason)]],
    expected: { outcome: Outcome.signed_out, userId: null, reason },
    sentence,
  };
}

function rejectedCase(reason: Reason, verifyAttributes: Record<string, string | number>, sentence: string): Case {
  return {
    traces: [
      [
        middleware(
          RequestKind.document,
          { [A.tokenSource]: 'cookie', [A.tokenType]: 'session_token' },
          Outcome.signed_out,
          reason,
          [verify('invalid', reason, verifyAttributes)],
        ),
      ],
    ],
    expected: {
      outcome: Outcome.signed_out,
      userId: null,
      verifications: [expect.objectContaining({ result: 'invalid', reason })],
    },
    sentence,
  };
}

describe('assembleDecisions + explainDecision, one request per outcome', () => {
  it.each(Object.entries(outcomeCases))('%s', async (outcome, { traces, expected, sentence }) => {
    const record = await decide(...traces);
    expect(record).toMatchObject({ outcome, requestId: REQUEST_ID, path: '/dashboard', ...expected });
    expect(explainDecision(record)).toContain(sentence);
  });
});

describe('assembleDecisions + explainDecision, one request per reason', () => {
  it.each(Object.entries(reasonCases))('%s', async (reason, { traces, expected, sentence }) => {
    const record = await decide(...traces);
    expect(record).toMatchObject({ reason, ...expected });
    expect(explainDecision(record)).toContain(sentence);
  });
});

describe("assembleDecisions: the app's own redirectToSignIn()", () => {
  it("decides a render's redirectToSignIn() after auth(): outcome, status and target", async () => {
    const target = 'https://accounts.test/sign-in?redirect_url=http%3A%2F%2Fapp.test%2Fdashboard';
    const record = await decide([
      middleware(RequestKind.document, noToken, Outcome.signed_out, Reason.missing_token),
      authCall({ [A.outcome]: Outcome.signed_out, [A.reason]: Reason.missing_token }),
      redirectCall(Outcome.redirect_sign_in, Reason.missing_token, target),
    ]);
    expect(record).toMatchObject({ outcome: Outcome.redirect_sign_in, statusCode: 307, redirectTarget: target });
    expect(explainDecision(record)).toContain(`redirectToSignIn() → redirect to sign-in (${target})`);
  });

  it('lets a protect call that refused decide over a later redirect', async () => {
    const record = await decide([
      middleware(RequestKind.document, noToken, Outcome.signed_out, Reason.missing_token),
      protectCall(RequestKind.document, Outcome.redirect_unauthenticated_url, Reason.missing_token, {
        [A.httpResponseStatusCode]: 307,
      }),
      redirectCall(Outcome.redirect_sign_in, Reason.missing_token, 'https://accounts.test/sign-in', 14),
    ]);
    expect(record.outcome).toBe(Outcome.redirect_unauthenticated_url);
  });
});

describe('assembleDecisions grouping', () => {
  it('returns nothing for no spans, and ignores traces without authlens spans', async () => {
    expect(assembleDecisions([])).toEqual([]);
    expect(
      assembleDecisions(await recordSpans([{ name: 'GET /health', attributes: { [A.urlPath]: '/health' } }])),
    ).toEqual([]);
  });

  it('joins middleware and render spans in different traces by the signed request id', async () => {
    const spans = await recordSpans(
      [signedInMiddleware()],
      [authCall({ [A.outcome]: Outcome.signed_in, [A.reason]: Reason.valid_token, [A.pendingPolicy]: 'as_signed_in' })],
    );
    const [record, ...rest] = assembleDecisions(spans);
    expect(rest).toEqual([]);
    expect(record!.traceIds).toHaveLength(2);
    expect(record!.traceId).toBe(spans.find((s) => s.name === SpanName.middleware)!.traceId);
    expect(record).toMatchObject({ outcome: Outcome.signed_in, pendingPolicy: 'as_signed_in', userId: 'user_1' });
    expect(record!.spanIds).toHaveLength(3);
  });

  it('keeps two requests of one trace apart, and a span without request id goes to its ancestor’s request', async () => {
    const other = (plan: SpanPlan): SpanPlan => ({
      ...plan,
      attributes: { ...plan.attributes, [A.requestId]: 'req_2' },
    });
    const spans = await recordSpans([
      signedInMiddleware(),
      other({
        ...middleware(RequestKind.api, noToken, Outcome.signed_out, Reason.missing_token),
        at: 20,
        children: [{ name: SpanName.currentUser, at: 21, attributes: { [A.dedupeResult]: 'miss' } }],
      }),
    ]);
    const records = assembleDecisions(spans);
    expect(records.map((r) => [r.requestId, r.outcome, r.currentUserCalls.length])).toEqual([
      [REQUEST_ID, Outcome.signed_in, 0],
      ['req_2', Outcome.signed_out, 1],
    ]);
  });

  it('counts a span delivered twice once', async () => {
    const spans = await recordSpans([signedInMiddleware()]);
    const [record] = assembleDecisions([...spans, ...spans]);
    expect(record!.spanIds).toHaveLength(2);
    expect(record!.verifications).toHaveLength(1);
  });

  it('puts spans without a request id into the only request of their trace', async () => {
    const record = await decide([
      signedInMiddleware(),
      { name: SpanName.getToken, at: 30, attributes: { [A.tokenTemplate]: 'supabase' } },
    ]);
    expect(record.getTokenCalls).toEqual([expect.objectContaining({ template: 'supabase', errorType: null })]);
    expect(explainDecision(record)).toContain("getToken({ template: 'supabase' }) in 1.0 ms");
  });

  it('takes method, path and route from a non-authlens ancestor, never from a Backend API call', async () => {
    const spans = await recordSpans([
      {
        name: 'POST /orders/[id]',
        attributes: { [A.httpRequestMethod]: 'POST', [A.urlPath]: '/orders/42', [A.httpRoute]: '/orders/[id]' },
        children: [
          {
            name: SpanName.currentUser,
            at: 2,
            attributes: { [A.requestId]: REQUEST_ID, [A.dedupeResult]: 'miss' },
            children: [{ name: SpanName.backendRequest, at: 3, attributes: { [A.httpRequestMethod]: 'GET' } }],
          },
        ],
      },
    ]);
    const [record] = assembleDecisions(spans);
    expect(record).toMatchObject({ method: 'POST', path: '/orders/42', route: '/orders/[id]', outcome: null });
    expect(record!.backendCalls[0]).toMatchObject({ method: 'GET' });
  });

  it("reads Next's older http.method and http.target when the middleware did not run, without the query", async () => {
    const spans = await recordSpans([
      {
        name: 'GET /outside.csv',
        attributes: {
          'http.method': 'GET',
          'http.target': '/outside.csv?__session=secret',
          [A.httpRoute]: '/outside.csv',
        },
        children: [{ name: SpanName.auth, at: 2, error: { type: 'ERR_AUTH_MIDDLEWARE_MISSING', message: 'no' } }],
      },
    ]);
    const [record] = assembleDecisions(spans);
    expect(record).toMatchObject({ method: 'GET', path: '/outside.csv', route: '/outside.csv' });
  });

  it('reads attributes of the wrong type or outside their enumeration as null', async () => {
    const record = await decide([
      middleware(RequestKind.document, activeSession, Outcome.signed_in, 'valid_token', [], {
        [A.requestKind]: 'teapot',
        [A.tokenType]: 7,
        [A.userId]: '',
      }),
    ]);
    expect(record).toMatchObject({ requestKind: null, tokenType: null, userId: null, outcome: Outcome.signed_in });
  });

  it('decides by the first protect call that did not allow, and counts overlapping spans once in auth latency', async () => {
    const record = await decide([
      signedInMiddleware(), // 0–5 ms, verify 1–2 inside it
      authCall({ [A.outcome]: Outcome.signed_in, [A.reason]: Reason.valid_token }, 10), // 10–12
      protectCall(RequestKind.document, Outcome.allowed, Reason.authorized, {}, 11), // 11–13
      protectCall(
        RequestKind.document,
        Outcome.not_found,
        Reason.permission_missing,
        {
          [A.protectRequirementKind]: 'permission',
          [A.protectRequirementValue]: 'org:billing:manage',
        },
        20,
      ), // 20–22
      protectCall(RequestKind.document, Outcome.allowed, Reason.authorized, {}, 30), // 30–32
    ]);
    expect(record.outcome).toBe(Outcome.not_found);
    expect(record.protect).toMatchObject({ requirementValue: 'org:billing:manage', reason: Reason.permission_missing });
    expect(record.protectCalls).toHaveLength(3);
    expect(record.authLatencyMs).toBeCloseTo(5 + 3 + 2 + 2, 6);
  });

  it('records currentUser dedupe, Backend API budget, retries and failures', async () => {
    const record = await decide([
      signedInMiddleware(),
      {
        name: SpanName.currentUser,
        at: 10,
        duration: 40,
        attributes: { [A.requestId]: REQUEST_ID, [A.userId]: 'user_1', [A.dedupeResult]: 'miss' },
        children: [
          {
            name: SpanName.backendRequest,
            at: 11,
            duration: 35,
            attributes: {
              [A.httpRequestMethod]: 'GET',
              [A.urlTemplate]: '/v1/users/{user_id}',
              [A.httpResponseStatusCode]: 200,
              [A.rateLimitLimit]: 100,
              [A.rateLimitRemaining]: 97,
              [A.rateLimitReset]: 8,
              [A.retryCount]: 1,
              [A.retryAfter]: 1,
            },
          },
        ],
      },
      { name: SpanName.currentUser, at: 12, attributes: { [A.requestId]: REQUEST_ID, [A.dedupeResult]: 'joined' } },
      { name: SpanName.currentUser, at: 60, attributes: { [A.requestId]: REQUEST_ID, [A.dedupeResult]: 'hit' } },
      {
        name: SpanName.backendRequest,
        at: 70,
        duration: 5000,
        attributes: {
          [A.requestId]: REQUEST_ID,
          [A.httpRequestMethod]: 'POST',
          [A.urlTemplate]: '/v1/sessions/{session_id}/tokens/{template}',
        },
        error: { type: 'ERR_BACKEND_API_TIMEOUT', message: 'Backend API did not answer in 5000 ms' },
      },
    ]);
    expect(record.currentUserCalls.map((c) => c.dedupe)).toEqual(['miss', 'joined', 'hit']);
    expect(record.backendCalls[0]).toMatchObject({
      rateLimitRemaining: 97,
      rateLimitLimit: 100,
      rateLimitReset: 8,
      retryCount: 1,
      statusCode: 200,
    });
    expect(record.errors).toEqual([
      expect.objectContaining({ spanName: SpanName.backendRequest, errorType: 'ERR_BACKEND_API_TIMEOUT' }),
    ]);
    const sentences = explainDecision(record);
    expect(sentences).toEqual(
      expect.arrayContaining([
        'token verified (RS256, kid ins_key_1, JWKS cache hit) in 1.0 ms',
        'currentUser() called the Backend API (dedupe miss) in 40 ms',
        'currentUser() joined a Backend API call already in flight',
        'currentUser() served from this request’s cache (dedupe hit)',
        'GET /v1/users/{user_id} → 200 in 35 ms, 97/100 requests left, retried 1× after 429 (Retry-After 1 s)',
        'POST /v1/sessions/{session_id}/tokens/{template} → no response in 5000 ms, failed: ERR_BACKEND_API_TIMEOUT',
      ]),
    );
  });

  it('explains a verified-token cache hit and a machine token', async () => {
    const record = await decide([
      middleware(
        RequestKind.api,
        { [A.tokenSource]: 'header', [A.tokenType]: TokenType.oauth_token, [A.userId]: 'user_9' },
        Outcome.signed_in,
        Reason.valid_token,
        [validVerify({ [A.tokenType]: TokenType.oauth_token, [A.verifiedTokenCacheHit]: true })],
      ),
    ]);
    expect(explainDecision(record)).toEqual([
      'oauth_token for user_9 verified → authenticated',
      'oauth_token verified earlier (verified-token cache hit)',
    ]);
  });
});
