/**
 * Differential test of the cookie protocol: the same requests (cookies, headers, query) go to @clerk/backend's
 * `authenticateRequest()` and to authlens' `authenticateSessionRequest()`, with real RSA-signed tokens and, for
 * handshake nonces, a real HTTP server speaking the Backend API's `GET /v1/clients/handshake_payload`. Both must
 * reach the same verdict (signed-in / signed-out / handshake) for the same reason, with the same handshake URL and
 * the same Set-Cookie directives and redirect.
 */
import { createClerkClient } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackendApiClient } from '../backend-api/index.js';
import { sendJson, startRawServer } from '../backend-api/test-support/raw-server.js';
import { JWT_CATEGORY_JWT_TEMPLATE, pemKeySource, verifyRequestToken } from '../tokens/index.js';
import { nowSeconds, signRs, tamperSignature, testKeyPair } from '../tokens/test-support/mint.js';
import { authenticateSessionRequest } from './authenticate-session-request.js';
import { cookieSuffix } from './cookie-suffix.js';
import { sessionInstanceFor } from './session-instance.js';
import type { SessionVerdict } from './session-verdict.js';

const pair = testKeyPair('sessions');
const otherPair = testKeyPair('sessions-forger');
const SECRET = 'sk_test_sessions_differential';
const FAPI = 'clerk.sessions-app.dev';
const DEV_PK = `pk_test_${btoa(`${FAPI}$`)}`;
const PROD_PK = `pk_live_${btoa(`${FAPI}$`)}`;
const APP = 'http://localhost:3000';
const DB = 'dvb_2differentialbrowser';

let devSuffix: string;
let prodSuffix: string;
let server: Awaited<ReturnType<typeof startRawServer>>;

// Clerk's reasons for refused tokens and the authlens token reasons they correspond to (as in tokens/).
const TOKEN_REASONS: Record<string, string> = {
  'token-invalid-signature': 'bad_signature',
  'token-invalid': 'malformed',
};

const now = nowSeconds();
const session = (overrides: Record<string, unknown> = {}, signer = pair) =>
  signRs(
    {
      exp: now + 60,
      iat: now - 1,
      iss: `https://${FAPI}`,
      nbf: now - 11,
      sid: 'sess_2d',
      sub: 'user_2d',
      ...overrides,
    },
    signer,
    signer === pair ? {} : { kid: pair.kid },
  );
const fresh = session();
const expired = session({ iat: now - 120, nbf: now - 130, exp: now - 60 });
const renewed = session({ iat: now, sid: 'sess_2renewed' });
const UAT = String(now - 300);

const directivesSignedIn = [
  `__session=${renewed}; Path=/; SameSite=Lax`,
  `__client_uat=${now}; Path=/; Max-Age=315360000; SameSite=Lax`,
  `__clerk_db_jwt=${DB}; Path=/; SameSite=Lax`,
];
const directivesSignedOut = [
  '__session=; Path=/; Max-Age=0; SameSite=Lax',
  '__client_uat=0; Path=/; Max-Age=315360000; SameSite=Lax',
];
const handshakeToken = (payload: Record<string, unknown>, signer = pair) =>
  signRs(payload, signer, signer === pair ? {} : { kid: pair.kid });

beforeAll(async () => {
  devSuffix = await cookieSuffix(DEV_PK);
  prodSuffix = await cookieSuffix(PROD_PK);
  server = await startRawServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (req.headers.authorization !== `Bearer ${SECRET}`)
      return sendJson(res, 401, { errors: [{ code: 'unauthorized' }] });
    if (url.pathname === '/v1/clients/handshake_payload') {
      const nonce = url.searchParams.get('nonce');
      if (nonce === 'nonce_signed_in') return sendJson(res, 200, { directives: directivesSignedIn });
      if (nonce === 'nonce_signed_out') return sendJson(res, 200, { directives: directivesSignedOut });
      return sendJson(res, 404, { errors: [{ code: 'resource_not_found', message: 'not found' }] });
    }
    sendJson(res, 404, { errors: [{ code: 'resource_not_found', message: 'not found' }] });
  });
  // Clerk logs each handshake problem and loop; the verdicts are what is compared.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterAll(async () => {
  vi.restoreAllMocks();
  await server.close();
});

type Kind = 'document' | 'api' | 'html-accept' | 'iframe' | 'rsc' | 'json-then-html';

const HEADERS: Record<Kind, Record<string, string>> = {
  document: { 'sec-fetch-dest': 'document', accept: 'text/html,application/xhtml+xml' },
  iframe: { 'sec-fetch-dest': 'iframe', accept: 'text/html' },
  'html-accept': { accept: 'text/html,*/*' },
  'json-then-html': { accept: 'application/json, text/html' },
  api: { 'sec-fetch-dest': 'empty', accept: '*/*' },
  // An App Router navigation fetch (<Link>, router.push): not a document to Clerk.
  rsc: { 'sec-fetch-dest': 'empty', accept: '*/*', rsc: '1', 'next-router-state-tree': '%5B%22%22%5D' },
};

interface Case {
  name: string;
  cookies?: Record<string, string>;
  kind?: Kind;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  production?: boolean;
  expect: { status: SessionVerdict['status']; reason: string | null };
}

const dev = (cookies: Record<string, string>) => ({ __clerk_db_jwt: DB, ...cookies });

const cases: Case[] = [
  // Fresh, missing and half-present cookies.
  { name: 'no cookies, document', kind: 'document', expect: { status: 'handshake', reason: 'dev-browser-missing' } },
  { name: 'no cookies, API', kind: 'api', expect: { status: 'signed-out', reason: 'dev-browser-missing' } },
  {
    name: 'dev browser only',
    cookies: dev({}),
    expect: { status: 'signed-out', reason: 'session-token-and-uat-missing' },
  },
  {
    name: 'dev browser and uat 0 (signed out by Clerk)',
    cookies: dev({ __client_uat: '0' }),
    expect: { status: 'signed-out', reason: 'session-token-and-uat-missing' },
  },
  {
    name: 'fresh token, document',
    cookies: dev({ __session: fresh, __client_uat: UAT }),
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'fresh token, API',
    kind: 'api',
    cookies: dev({ __session: fresh, __client_uat: UAT }),
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'fresh token, POST',
    method: 'POST',
    cookies: dev({ __session: fresh, __client_uat: UAT }),
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'fresh token without the dev browser, document',
    cookies: { __session: fresh, __client_uat: UAT },
    expect: { status: 'handshake', reason: 'dev-browser-missing' },
  },
  {
    name: 'expired token, document',
    cookies: dev({ __session: expired, __client_uat: UAT }),
    expect: { status: 'handshake', reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie' },
  },
  {
    name: 'expired token, API',
    kind: 'api',
    cookies: dev({ __session: expired, __client_uat: UAT }),
    expect: { status: 'signed-out', reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie' },
  },
  {
    name: 'expired token, POST',
    method: 'POST',
    cookies: dev({ __session: expired, __client_uat: UAT }),
    expect: { status: 'signed-out', reason: 'session-token-expired-refresh-non-eligible-non-get' },
  },
  {
    name: 'expired token, RSC navigation fetch',
    kind: 'rsc',
    cookies: dev({ __session: expired, __client_uat: UAT }),
    expect: { status: 'signed-out', reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie' },
  },
  {
    name: 'expired token, accept text/html without sec-fetch-dest',
    kind: 'html-accept',
    cookies: dev({ __session: expired, __client_uat: UAT }),
    expect: { status: 'handshake', reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie' },
  },
  {
    name: 'expired token, accept listing JSON first',
    kind: 'json-then-html',
    cookies: dev({ __session: expired, __client_uat: UAT }),
    expect: { status: 'signed-out', reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie' },
  },
  {
    name: 'expired token, iframe',
    kind: 'iframe',
    cookies: dev({ __session: expired, __client_uat: UAT }),
    expect: { status: 'handshake', reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie' },
  },
  {
    name: 'token without uat, document',
    cookies: dev({ __session: fresh }),
    expect: { status: 'handshake', reason: 'session-token-but-no-client-uat' },
  },
  {
    name: 'token without uat, API',
    kind: 'api',
    cookies: dev({ __session: fresh }),
    expect: { status: 'signed-out', reason: 'session-token-but-no-client-uat' },
  },
  {
    name: 'token with uat 0',
    cookies: dev({ __session: fresh, __client_uat: '0' }),
    expect: { status: 'handshake', reason: 'session-token-but-no-client-uat' },
  },
  {
    name: 'uat without token',
    cookies: dev({ __client_uat: UAT }),
    expect: { status: 'handshake', reason: 'client-uat-but-no-session-token' },
  },
  {
    name: 'token issued before the uat, document',
    cookies: dev({ __session: fresh, __client_uat: String(now + 5) }),
    expect: { status: 'handshake', reason: 'session-token-iat-before-client-uat' },
  },
  {
    name: 'token issued before the uat, API',
    kind: 'api',
    cookies: dev({ __session: fresh, __client_uat: String(now + 5) }),
    expect: { status: 'signed-out', reason: 'session-token-iat-before-client-uat' },
  },
  {
    name: 'unparsable uat counts as 0',
    cookies: dev({ __session: fresh, __client_uat: 'soon' }),
    expect: { status: 'handshake', reason: 'session-token-but-no-client-uat' },
  },
  // Suffixed vs unsuffixed.
  {
    name: 'suffixed cookies only',
    cookies: { __clerk_db_jwt_SUFFIX: DB, __session_SUFFIX: fresh, __client_uat_SUFFIX: UAT },
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'suffixed cookies with an unsuffixed dev browser only',
    cookies: { __clerk_db_jwt: DB, __session_SUFFIX: fresh, __client_uat_SUFFIX: UAT },
    expect: { status: 'handshake', reason: 'dev-browser-missing' },
  },
  {
    name: 'suffixed newer than unsuffixed: suffixed win',
    cookies: {
      __clerk_db_jwt_SUFFIX: DB,
      __session_SUFFIX: renewed,
      __client_uat_SUFFIX: UAT,
      __session: expired,
      __client_uat: UAT,
    },
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'unsuffixed newer than suffixed: unsuffixed win',
    cookies: dev({
      __session_SUFFIX: expired,
      __client_uat_SUFFIX: UAT,
      __session: fresh,
      __client_uat: UAT,
    }),
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'unsuffixed token of another Frontend API: the suffixed ones count',
    cookies: {
      __clerk_db_jwt_SUFFIX: DB,
      __session_SUFFIX: fresh,
      __client_uat_SUFFIX: UAT,
      __session: session({ iss: 'https://clerk.other-app.dev' }),
      __client_uat: UAT,
    },
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'unsuffixed token of another Frontend API and no suffixed cookies',
    cookies: dev({ __session: session({ iss: 'https://clerk.other-app.dev' }), __client_uat: UAT }),
    expect: { status: 'handshake', reason: 'dev-browser-missing' },
  },
  {
    name: 'unsuffixed token without an issuer: unsuffixed cookies count',
    cookies: dev({ __session: session({ iss: undefined }), __client_uat: UAT, __session_SUFFIX: expired }),
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'suffixed uat 0 while the unsuffixed one is set: unsuffixed win',
    cookies: dev({ __client_uat_SUFFIX: '0', __session: fresh, __client_uat: UAT }),
    expect: { status: 'signed-in', reason: null },
  },
  // Dev browser sync.
  {
    name: 'dev browser in the query, document',
    path: `/dashboard?__clerk_db_jwt=${DB}&tab=1`,
    cookies: dev({ __session: fresh, __client_uat: UAT }),
    expect: { status: 'handshake', reason: 'dev-browser-sync' },
  },
  {
    name: 'dev browser in the query, API',
    kind: 'api',
    path: `/api/me?__clerk_db_jwt=${DB}`,
    expect: { status: 'signed-out', reason: 'dev-browser-sync' },
  },
  // The redirect-loop guard.
  ...[1, 2].map(
    (count): Case => ({
      name: `expired token, loop count ${count}`,
      cookies: dev({ __session: expired, __client_uat: UAT, __clerk_redirect_count: String(count) }),
      expect: { status: 'handshake', reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie' },
    }),
  ),
  {
    name: 'expired token, loop count 3',
    cookies: dev({ __session: expired, __client_uat: UAT, __clerk_redirect_count: '3' }),
    expect: { status: 'signed-out', reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie' },
  },
  {
    name: 'no dev browser, loop count 3',
    cookies: { __clerk_redirect_count: '3' },
    expect: { status: 'signed-out', reason: 'dev-browser-missing' },
  },
  // Tokens that are refused.
  {
    name: 'tampered signature',
    cookies: dev({ __session: tamperSignature(fresh), __client_uat: UAT }),
    expect: { status: 'signed-out', reason: 'token-invalid-signature' },
  },
  {
    name: 'signed by another key',
    cookies: dev({ __session: session({}, otherPair), __client_uat: UAT }),
    expect: { status: 'signed-out', reason: 'token-invalid-signature' },
  },
  {
    name: 'not a JWT',
    cookies: dev({ __session: 'not-a-jwt', __client_uat: UAT }),
    expect: { status: 'signed-out', reason: 'token-invalid' },
  },
  {
    name: 'an M2M JWT in the cookie',
    cookies: dev({ __session: session({ sub: 'mch_2robot', sid: undefined }), __client_uat: UAT }),
    expect: { status: 'signed-out', reason: 'token-type-mismatch' },
  },
  {
    name: 'a JWT-template token in the cookie',
    cookies: dev({
      __session: signRs({ exp: now + 60, iat: now - 1, sub: 'user_2d' }, pair, { cat: JWT_CATEGORY_JWT_TEMPLATE }),
      __client_uat: UAT,
    }),
    expect: { status: 'signed-out', reason: 'token-type-mismatch' },
  },
  {
    name: 'token not active yet',
    cookies: dev({ __session: session({ nbf: now + 60 }), __client_uat: UAT }),
    expect: { status: 'handshake', reason: 'session-token-nbf' },
  },
  {
    name: 'token issued in the future',
    cookies: dev({ __session: session({ iat: now + 60, nbf: undefined }), __client_uat: UAT }),
    expect: { status: 'handshake', reason: 'session-token-iat-in-the-future' },
  },
  // Handshakes coming back.
  {
    name: 'nonce resolving to a session',
    path: '/dashboard?__clerk_handshake_nonce=nonce_signed_in&tab=2',
    cookies: dev({ __session: expired, __client_uat: UAT }),
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'nonce resolving to signed out',
    path: '/dashboard?__clerk_handshake_nonce=nonce_signed_out',
    cookies: dev({ __session: expired, __client_uat: UAT }),
    expect: { status: 'signed-out', reason: 'session-token-missing' },
  },
  {
    name: 'unknown nonce',
    path: '/dashboard?__clerk_handshake_nonce=nonce_unknown',
    cookies: dev({ __session: expired, __client_uat: UAT }),
    expect: { status: 'signed-out', reason: 'session-token-missing' },
  },
  {
    name: 'nonce in a cookie',
    cookies: dev({ __clerk_handshake_nonce: 'nonce_signed_in' }),
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'handshake token in the query',
    path: `/dashboard?__clerk_handshake=${handshakeToken({ handshake: directivesSignedIn })}`,
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'handshake token in a cookie',
    cookies: { __clerk_handshake: handshakeToken({ handshake: directivesSignedIn }) },
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'handshake token past its exp (only the session inside is checked)',
    path: `/dashboard?__clerk_handshake=${handshakeToken({ handshake: directivesSignedIn, exp: now - 600 })}`,
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'handshake token to signed out',
    path: `/dashboard?__clerk_handshake=${handshakeToken({ handshake: directivesSignedOut })}`,
    expect: { status: 'signed-out', reason: 'session-token-missing' },
  },
  // Cross-origin navigations of a signed-in browser.
  {
    name: 'signed in, arriving from another site',
    headers: { referer: 'https://elsewhere.example/page' },
    cookies: dev({ __session: fresh, __client_uat: UAT }),
    expect: { status: 'handshake', reason: 'primary-domain-cross-origin-sync' },
  },
  {
    name: 'signed in, arriving from the Frontend API',
    headers: { referer: `https://${FAPI}/v1/client/handshake` },
    cookies: dev({ __session: fresh, __client_uat: UAT }),
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'signed in, arriving from another site, loop count 1',
    headers: { referer: 'https://elsewhere.example/page' },
    cookies: dev({ __session: fresh, __client_uat: UAT, __clerk_redirect_count: '1' }),
    expect: { status: 'signed-in', reason: null },
  },
  // Production instances: no dev browser.
  {
    name: 'production, no cookies',
    production: true,
    expect: { status: 'signed-out', reason: 'session-token-and-uat-missing' },
  },
  {
    name: 'production, fresh token',
    production: true,
    cookies: { __session: fresh, __client_uat: UAT },
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'production, expired token',
    production: true,
    cookies: { __session: expired, __client_uat: UAT, __clerk_db_jwt: DB },
    expect: { status: 'handshake', reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie' },
  },
  {
    name: 'production, handshake token in a cookie (resolved in place, no redirect)',
    production: true,
    cookies: { __clerk_handshake: handshakeToken({ handshake: directivesSignedIn }) },
    expect: { status: 'signed-in', reason: null },
  },
  {
    name: 'production, nonce',
    production: true,
    path: '/dashboard?__clerk_handshake_nonce=nonce_signed_in',
    expect: { status: 'signed-in', reason: null },
  },
];

function buildRequest(c: Case, suffix: string): Request {
  const cookie = Object.entries(c.cookies ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name.replace('SUFFIX', suffix)}=${value}`)
    .join('; ');
  return new Request(`${APP}${c.path ?? '/dashboard'}`, {
    method: c.method ?? 'GET',
    headers: { ...HEADERS[c.kind ?? 'document'], ...(cookie ? { cookie } : {}), ...c.headers },
    ...(c.method && c.method !== 'GET' ? { body: '' } : {}),
  });
}

interface Observed {
  status: string;
  reason: string | null;
  location: string | null;
  cacheControl: string | null;
  setCookies: string[];
  userId: string | null;
}

async function viaClerk(c: Case): Promise<Observed> {
  const publishableKey = c.production ? PROD_PK : DEV_PK;
  const clerk = createClerkClient({ secretKey: SECRET, publishableKey, apiUrl: server.url, jwtKey: pair.pem });
  const state = await clerk.authenticateRequest(buildRequest(c, c.production ? prodSuffix : devSuffix), {
    publishableKey,
    jwtKey: pair.pem,
  });
  const auth = state.status === 'signed-in' ? (state.toAuth() as { userId?: string }) : null;
  return {
    status: state.status,
    reason: state.reason,
    location: state.headers.get('location'),
    cacheControl: state.headers.get('cache-control'),
    setCookies: state.headers.getSetCookie(),
    userId: auth?.userId ?? null,
  };
}

async function viaAuthlens(c: Case): Promise<Observed> {
  const instance = await sessionInstanceFor(c.production ? PROD_PK : DEV_PK);
  if (!instance) throw new Error('publishable key not parsed');
  const client = createBackendApiClient({ secretKey: SECRET, apiUrl: server.url });
  const verdict = await authenticateSessionRequest(buildRequest(c, instance.cookieSuffix), {
    instance,
    verifySessionToken: (token) => verifyRequestToken(token, { jwtKey: pair.pem, acceptsToken: 'session_token' }),
    handshakeKeys: () => pemKeySource(pair.pem),
    getHandshakePayload: (nonce) => client.getHandshakePayload(nonce),
  });
  return {
    status: verdict.status,
    reason: verdict.reason,
    location: verdict.headers.get('location'),
    cacheControl: verdict.headers.get('cache-control'),
    setCookies: verdict.headers.getSetCookie(),
    userId: verdict.status === 'signed-in' && verdict.auth.tokenType === 'session_token' ? verdict.auth.userId : null,
  };
}

describe('cookie protocol: authlens vs @clerk/backend authenticateRequest()', () => {
  it('covers at least 40 states', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('$name', async (c) => {
    const clerk = await viaClerk(c);
    const ours = await viaAuthlens(c);
    expect({ status: clerk.status, reason: clerk.reason }).toEqual(c.expect);
    // A refused token's reason is named as authlens' verifyToken names it (see tokens/clerk-differential.test.ts).
    expect(ours).toEqual({ ...clerk, reason: clerk.reason && (TOKEN_REASONS[clerk.reason] ?? clerk.reason) });
    if (c.expect.status === 'handshake') {
      const location = new URL(ours.location ?? '');
      expect(`${location.origin}${location.pathname}`).toBe(`https://${FAPI}/v1/client/handshake`);
      expect(location.searchParams.get('__clerk_hs_reason')).toBe(c.expect.reason);
      expect(location.searchParams.get('redirect_url')).not.toContain('__clerk_db_jwt');
    }
  });
});

describe('where Clerk has no verdict', () => {
  const forged = handshakeToken({ handshake: directivesSignedIn }, otherPair);

  it.each([
    ['forged', forged],
    ['malformed', 'not.a.jwt'],
  ])(
    'a %s handshake token on a development instance: Clerk throws; authlens signs out, sets nothing',
    async (_, token) => {
      const c: Case = {
        name: 'forged handshake',
        path: `/dashboard?__clerk_handshake=${token}`,
        cookies: dev({ __session: expired, __client_uat: UAT }),
        expect: { status: 'signed-out', reason: 'handshake-token-invalid' },
      };
      await expect(viaClerk(c)).rejects.toThrow(/Handshake token verification failed/);
      expect(await viaAuthlens(c)).toEqual({
        status: 'signed-out',
        reason: 'handshake-token-invalid',
        location: null,
        cacheControl: null,
        setCookies: [],
        userId: null,
      });
    },
  );
});
