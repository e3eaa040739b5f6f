/**
 * Differential tests: @clerk/backend (test-only) and authlens verify the same
 * tokens, signed here with node:crypto keys, and must agree on accept/reject
 * (with equivalent reasons) and on the auth properties parsed from claims.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyToken as clerkVerifyToken, createClerkClient } from '@clerk/backend';
import { __experimental_JWTPayloadToAuthObjectProperties as clerkParse } from '@clerk/shared/jwtPayloadParser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackendApiClient } from '../backend-api/index.js';
import { encodeFeaturePermissions } from './feature-permissions.js';
import { JwksCache } from './jwks-cache.js';
import {
  nowSeconds,
  sessionClaims,
  signHs256WithPublicKey,
  signRs,
  tamperSignature,
  testKeyPair,
  unsignedToken,
} from './test-support/mint.js';
import { verifyRequestToken } from './verify-request-token.js';
import { verifySessionToken } from './verify-session-token.js';
import { type VerifyTokenOptions, verifyToken } from './verify-token.js';

const pair = testKeyPair('differential');
const SECRET = 'sk_test_differential';
const AUTHORIZED = ['http://localhost:3000'];
let server: Server;
let apiUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/v1/jwks' && req.headers.authorization === `Bearer ${SECRET}`) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [pair.jwk] }));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[]}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

// Clerk's reason strings and the authlens reasons they correspond to.
const EQUIVALENT: Record<string, string[]> = {
  'token-expired': ['expired'],
  'token-not-active-yet': ['not_yet_valid'],
  'token-iat-in-the-future': ['issued_in_future'],
  'token-invalid-authorized-parties': ['wrong_azp'],
  'token-invalid-signature': ['bad_signature'],
  'token-invalid-algorithm': ['unsupported_alg', 'malformed'],
  'token-invalid': ['malformed', 'wrong_token_type'],
  'jwk-kid-mismatch': ['unknown_kid'],
  'token-verification-failed': ['invalid_claims', 'wrong_audience'],
};

const { per, fpm } = encodeFeaturePermissions(
  ['dashboard', 'team'],
  ['read', 'manage'],
  ['org:dashboard:read', 'org:team:read', 'org:team:manage'],
);

interface Case {
  name: string;
  token: () => string;
  accept: boolean;
  /** Verify through the JWKS (secretKey + apiUrl) instead of the PEM. */
  viaJwks?: boolean;
  authorizedParties?: string[];
  /** verifyToken's `headerType` option (accepted `typ` values). */
  headerType?: string | string[];
}

const cases: Case[] = [
  {
    name: 'v1 with an organization',
    token: () =>
      signRs(
        sessionClaims({
          org_id: 'org_1',
          org_role: 'org:admin',
          org_slug: 'acme',
          org_permissions: ['org:team:manage'],
          sts: 'active',
        }),
        pair,
      ),
    accept: true,
  },
  {
    name: 'v2 with organization, features and fpm',
    token: () =>
      signRs(
        sessionClaims({
          v: 2,
          sts: 'active',
          fea: 'o:dashboard,u:profile,ou:team',
          pla: 'o:pro',
          fva: [2, -1],
          o: { id: 'org_2', rol: 'admin', slg: 'acme', per, fpm },
        }),
        pair,
      ),
    accept: true,
    authorizedParties: AUTHORIZED,
  },
  { name: 'pending session', token: () => signRs(sessionClaims({ sts: 'pending', v: 2 }), pair), accept: true },
  {
    name: 'impersonated (act)',
    token: () => signRs(sessionClaims({ act: { sub: 'user_admin' }, sts: 'active' }), pair),
    accept: true,
  },
  {
    name: 'v1 through the JWKS',
    token: () => signRs(sessionClaims({ sts: 'active' }), pair),
    accept: true,
    viaJwks: true,
  },
  { name: 'expired', token: () => signRs(sessionClaims({ exp: nowSeconds() - 30 }), pair), accept: false },
  { name: 'nbf in the future', token: () => signRs(sessionClaims({ nbf: nowSeconds() + 120 }), pair), accept: false },
  {
    name: 'wrong azp',
    token: () => signRs(sessionClaims({ azp: 'https://evil.example' }), pair),
    accept: false,
    authorizedParties: AUTHORIZED,
  },
  {
    name: 'missing azp with authorized parties',
    token: () => signRs(sessionClaims({ azp: undefined }), pair),
    accept: false,
    authorizedParties: AUTHORIZED,
  },
  { name: 'alg none', token: () => unsignedToken(sessionClaims()), accept: false },
  { name: 'alg none with a signature', token: () => unsignedToken(sessionClaims(), 'c2lnbmF0dXJl'), accept: false },
  {
    name: 'HS256 keyed with the public key',
    token: () => signHs256WithPublicKey(sessionClaims(), pair),
    accept: false,
  },
  { name: 'bad signature', token: () => tamperSignature(signRs(sessionClaims(), pair)), accept: false },
  { name: 'signed by another key', token: () => signRs(sessionClaims(), testKeyPair('intruder')), accept: false },
  {
    name: 'unknown kid',
    token: () => signRs(sessionClaims(), pair, { kid: 'ins_unknown' }),
    accept: false,
    viaJwks: true,
  },
  {
    name: 'no typ header',
    token: () => signRs(sessionClaims({ sts: 'active' }), pair, { typ: undefined }),
    accept: true,
  },
  { name: 'typ other than JWT', token: () => signRs(sessionClaims(), pair, { typ: 'at+jwt' }), accept: false },
  {
    name: 'typ among the headerType option',
    token: () => signRs(sessionClaims(), pair, { typ: 'example+jwt' }),
    accept: true,
    headerType: ['JWT', 'example+jwt'],
  },
  {
    name: 'no typ header when headerType is set',
    token: () => signRs(sessionClaims(), pair, { typ: undefined }),
    accept: false,
    headerType: 'JWT',
  },
  { name: 'malformed', token: () => 'definitely.not.a-jwt', accept: false },
  { name: 'two segments', token: () => 'eyJhbGciOiJSUzI1NiJ9.e30', accept: false },
];

/** Both libraries' exported verifyToken resolve with the payload or reject with a reason. */
async function settle(promise: Promise<unknown>): Promise<{ ok: boolean; value?: unknown; reason?: string }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, reason: (error as { reason?: string }).reason ?? String(error) };
  }
}

function optionsFor(c: Case) {
  const keys = c.viaJwks ? { secretKey: SECRET, apiUrl } : { jwtKey: pair.pem };
  return {
    ...keys,
    ...(c.authorizedParties ? { authorizedParties: c.authorizedParties } : {}),
    ...(c.headerType ? { headerType: c.headerType } : {}),
  };
}

describe('verifyToken takes @clerk/backend’s options', () => {
  it('has every option of @clerk/backend’s exported verifyToken (types)', () => {
    type Missing = Exclude<keyof Parameters<typeof clerkVerifyToken>[1], keyof VerifyTokenOptions>;
    const none: [Missing] extends [never] ? true : Missing = true;
    expect(none).toBe(true);
  });
});

describe('verifyToken agrees with @clerk/backend', () => {
  it.each(cases)('$name', async (c) => {
    const token = c.token();
    const options = optionsFor(c);
    const [clerk, ours] = await Promise.all([
      settle(clerkVerifyToken(token, options)),
      settle(verifyToken(token, options)),
    ]);

    expect(clerk.ok, `@clerk/backend ${clerk.reason ?? 'accepted'}`).toBe(c.accept);
    expect(ours.ok, `authlens ${ours.reason ?? 'accepted'}`).toBe(c.accept);

    if (c.accept) {
      expect(ours.value).toEqual(clerk.value);
    } else {
      expect(EQUIVALENT[clerk.reason!], `no mapping for ${clerk.reason}`).toBeDefined();
      expect(EQUIVALENT[clerk.reason!]).toContain(ours.reason);
    }
  });
});

describe('session auth properties agree with @clerk/shared claim parsing', () => {
  // Session tokens proper: the headerType cases stand for other JWTs verifyToken is asked to accept.
  it.each(cases.filter((c) => c.accept && !c.headerType))('$name', async (c) => {
    const token = c.token();
    const options = optionsFor(c);
    const clerk = await clerkVerifyToken(token, options);
    const jwks = c.viaJwks
      ? new JwksCache({ loadJwks: () => createBackendApiClient({ secretKey: SECRET, apiUrl }).loadJwks() })
      : undefined;
    const state = await verifySessionToken(token, { ...options, jwks });
    const expected = clerkParse(clerk as any);
    expect({
      userId: state.userId,
      sessionId: state.sessionId,
      sessionStatus: state.sessionStatus,
      orgId: state.orgId,
      orgRole: state.orgRole,
      orgSlug: state.orgSlug,
      orgPermissions: state.orgPermissions,
      actor: state.actor,
      factorVerificationAge: state.factorVerificationAge,
    }).toEqual({
      userId: expected.userId,
      sessionId: expected.sessionId,
      // Clerk's tokens always carry sts; every accepted case here does.
      sessionStatus: expected.sessionStatus,
      orgId: expected.orgId ?? null,
      orgRole: expected.orgRole ?? null,
      orgSlug: expected.orgSlug ?? null,
      orgPermissions: expected.orgPermissions ?? null,
      actor: expected.actor ?? null,
      factorVerificationAge: expected.factorVerificationAge ?? null,
    });
  });
});

// Hardening finding 2. @clerk/backend's exported verifyToken refuses a machine JWT only by its M2M category (and an
// `at+jwt` only while headerType leaves it out); its request authentication refuses every JWT its isMachineJwt
// recognises (`sub` `mch_…`, `typ` `at+jwt`/`application/at+jwt`) where a session token is expected. authlens
// refuses them as session tokens in both places.
describe('machine JWTs are never session tokens (Hardening finding 2)', () => {
  const publishableKey = `pk_test_${Buffer.from('clerk.test.local$').toString('base64')}`;
  // Header tokens only: request authentication needs no network for them with a jwtKey (apiUrl is the stub's).
  const clerk = () =>
    createClerkClient({ secretKey: SECRET, jwtKey: pair.pem, publishableKey, apiUrl, telemetry: { disabled: true } });
  const machineJwts: [string, () => string, string[] | undefined][] = [
    ['an M2M JWT (sub mch_…)', () => signRs(sessionClaims({ sub: 'mch_2worker', sid: undefined }), pair), undefined],
    [
      'an M2M JWT (sub mch_…) in the M2M category',
      () => signRs(sessionClaims({ sub: 'mch_2worker', sid: undefined }), pair, { cat: 'cl_B7d4PD333AAA' }),
      undefined,
    ],
    ['an OAuth JWT (typ at+jwt)', () => signRs(sessionClaims(), pair, { typ: 'at+jwt' }), ['at+jwt']],
    [
      'an OAuth JWT (typ application/at+jwt)',
      () => signRs(sessionClaims(), pair, { typ: 'application/at+jwt' }),
      ['application/at+jwt'],
    ],
  ];

  async function clerkRequestState(token: string) {
    const request = new Request('http://localhost:3000/', { headers: { authorization: `Bearer ${token}` } });
    return clerk().authenticateRequest(request, { acceptsToken: 'session_token', authorizedParties: AUTHORIZED });
  }

  it('a session token passes both request authentications (the control)', async () => {
    const token = signRs(sessionClaims({ sts: 'active' }), pair);
    expect((await clerkRequestState(token)).status).toBe('signed-in');
    const ours = await verifyRequestToken(token, { jwtKey: pair.pem, acceptsToken: 'session_token' });
    expect(ours.tokenType).toBe('session_token');
  });

  it.each(machineJwts)('%s: refused where a session is expected, as Clerk refuses it', async (_name, mint, types) => {
    const token = mint();
    const clerkState = await clerkRequestState(token);
    expect(clerkState).toMatchObject({ status: 'signed-out', reason: 'token-type-mismatch' });
    await expect(verifyRequestToken(token, { jwtKey: pair.pem, acceptsToken: 'session_token' })).rejects.toMatchObject({
      reason: 'wrong_token_type',
    });
    await expect(verifySessionToken(token, { jwtKey: pair.pem })).rejects.toMatchObject({ reason: 'wrong_token_type' });
    // The exported verifyToken: refused even where headerType admits the type (Clerk's would accept it there).
    const options = { jwtKey: pair.pem, ...(types ? { headerType: types } : {}) };
    await expect(verifyToken(token, options)).rejects.toMatchObject({ reason: 'wrong_token_type' });
  });
});
