import { AttributeName as A, JwksCacheResult, Metric, Reason, SpanName, VerificationResult } from '@authlens/otel';
import { createClerkClient } from '@clerk/backend';
import { SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MachineTokenType } from '../auth-state.js';
import { createBackendApiClient } from '../backend-api/create-backend-api-client.js';
import { WindowBudget } from '../backend-api/rate-limit-budget.js';
import { startLocalBackend } from '../backend-api/test-support/local-backend.js';
import { JwksCache } from '../tokens/jwks-cache.js';
import { MachineTokenCache } from '../tokens/machine-token-cache.js';
import {
  nowSeconds,
  sessionClaims,
  signHs256WithPublicKey,
  signRs,
  tamperSignature,
  testKeyPair,
} from '../tokens/test-support/mint.js';
import { verifyRequestToken } from '../tokens/verify-request-token.js';
import { verifyToken } from '../tokens/verify-token.js';
import { type RecordedTelemetry, recordTelemetry } from './test-support/record-telemetry.js';

const pair = testKeyPair('telemetry-verify');
const other = testKeyPair('telemetry-verify-other');
let telemetry: RecordedTelemetry;

beforeAll(() => {
  telemetry = recordTelemetry();
});
afterAll(() => telemetry.stop());
beforeEach(() => telemetry.reset());

async function verifySpan(token: string, options: Parameters<typeof verifyRequestToken>[1]) {
  await verifyRequestToken(token, options).catch(() => undefined);
  const spans = telemetry.spansNamed(SpanName.tokenVerify);
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

describe('authlens.token.verify', () => {
  it('a valid session token with CLERK_JWT_KEY: algorithm, kid, exp/nbf, jwt_key, valid — and never the token', async () => {
    const claims = sessionClaims();
    const token = signRs(claims, pair);
    const span = await verifySpan(token, { jwtKey: pair.pem });
    expect(span.attributes).toMatchObject({
      [A.tokenType]: 'session_token',
      [A.tokenAlgorithm]: 'RS256',
      [A.tokenKid]: pair.kid,
      [A.tokenExpiresAt]: claims.exp,
      [A.tokenNotBefore]: claims.nbf,
      [A.tokenIssuedAt]: claims.iat,
      [A.tokenClockSkewMs]: 5000,
      [A.jwksCacheResult]: JwksCacheResult.jwt_key,
      [A.verifiedTokenCacheHit]: false,
      [A.verificationResult]: VerificationResult.valid,
      [A.reason]: Reason.valid_token,
    });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(JSON.stringify(span.attributes)).not.toContain(token.split('.')[2]);
  });

  it('an expired token still tells its iat and exp, and the skew allowance it was refused with', async () => {
    const now = nowSeconds();
    const claims = sessionClaims({ exp: now - 30, iat: now - 90, nbf: now - 90 });
    const span = await verifySpan(signRs(claims, pair), { jwtKey: pair.pem, clockSkewInMs: 2000 });
    expect(span.attributes).toMatchObject({
      [A.reason]: Reason.expired,
      [A.tokenIssuedAt]: claims.iat,
      [A.tokenExpiresAt]: claims.exp,
      [A.tokenClockSkewMs]: 2000,
    });
  });

  it('a session token refused for its time names its user and session; a forged or valid one does not', async () => {
    const now = nowSeconds();
    const expired = signRs(sessionClaims({ exp: now - 30, iat: now - 90, nbf: now - 90 }), pair);
    const refused = await verifySpan(expired, { jwtKey: pair.pem });
    expect(refused.attributes).toMatchObject({ [A.userId]: 'user_2alice', [A.sessionId]: 'sess_2abc' });
    telemetry.reset();
    // The signature did not verify: the claims are anyone's to write, so none is recorded.
    const forged = await verifySpan(tamperSignature(expired), { jwtKey: pair.pem });
    expect(forged.attributes[A.reason]).toBe(Reason.bad_signature);
    expect(forged.attributes[A.userId]).toBeUndefined();
    expect(forged.attributes[A.sessionId]).toBeUndefined();
    telemetry.reset();
    // A valid token's caller is the middleware's to record, not the verification's.
    const valid = await verifySpan(signRs(sessionClaims({ sid: 'sess_valid' }), pair), { jwtKey: pair.pem });
    expect(valid.attributes[A.userId]).toBeUndefined();
  });

  it('the second verification of a token is a verified-token cache hit', async () => {
    const token = signRs(sessionClaims({ sid: 'sess_cache' }), pair);
    await verifyRequestToken(token, { jwtKey: pair.pem });
    telemetry.reset();
    const span = await verifySpan(token, { jwtKey: pair.pem });
    expect(span.attributes[A.verifiedTokenCacheHit]).toBe(true);
    expect(span.attributes[A.verificationResult]).toBe(VerificationResult.valid);
    expect(span.attributes[A.jwksCacheResult]).toBeUndefined();
  });

  it('JWKS: miss on the first load, hit when cached, refetch for an unknown kid (then unknown_kid)', async () => {
    const jwks = new JwksCache({ loadJwks: async () => ({ keys: [pair.jwk] }), unknownKidCooldownMs: 0 });
    const first = await verifySpan(signRs(sessionClaims({ sid: 'sess_j1' }), pair), { jwks });
    expect(first.attributes[A.jwksCacheResult]).toBe(JwksCacheResult.miss);
    telemetry.reset();
    const second = await verifySpan(signRs(sessionClaims({ sid: 'sess_j2' }), pair), { jwks });
    expect(second.attributes[A.jwksCacheResult]).toBe(JwksCacheResult.hit);
    telemetry.reset();
    const rotated = await verifySpan(signRs(sessionClaims(), other), { jwks });
    expect(rotated.attributes).toMatchObject({
      [A.jwksCacheResult]: JwksCacheResult.refetch,
      [A.verificationResult]: VerificationResult.invalid,
      [A.reason]: Reason.unknown_kid,
      [A.tokenKid]: other.kid,
    });
    // A rejected token is a handled outcome, not a span error.
    expect(rotated.status.code).toBe(SpanStatusCode.UNSET);
  });

  const now = nowSeconds();
  const rejected: Array<[Reason, () => string, Parameters<typeof verifyRequestToken>[1]?]> = [
    [Reason.expired, () => signRs(sessionClaims({ exp: now - 60, iat: now - 120, nbf: now - 120 }), pair)],
    [Reason.not_yet_valid, () => signRs(sessionClaims({ nbf: now + 600, exp: now + 900 }), pair)],
    [Reason.issued_in_future, () => signRs(sessionClaims({ iat: now + 600, nbf: now - 10, exp: now + 900 }), pair)],
    [Reason.bad_signature, () => tamperSignature(signRs(sessionClaims(), pair))],
    [
      Reason.wrong_azp,
      () => signRs(sessionClaims({ azp: 'https://evil.test' }), pair),
      { authorizedParties: ['https://app.test'] },
    ],
    [Reason.wrong_issuer, () => signRs(sessionClaims(), pair), { issuer: 'https://other.issuer' }],
    [Reason.wrong_audience, () => signRs(sessionClaims({ aud: 'a' }), pair), { audience: 'b' }],
    [Reason.invalid_claims, () => signRs(sessionClaims({ sub: '' }), pair)],
    [Reason.malformed, () => 'not-a-jwt'],
    [Reason.unsupported_alg, () => signHs256WithPublicKey(sessionClaims(), pair)],
    [Reason.wrong_token_type, () => signRs(sessionClaims({ sid: undefined }), pair)],
  ];
  for (const [reason, mint, policy] of rejected) {
    it(`a rejected token: reason ${reason}, result invalid, status not ERROR, duration recorded`, async () => {
      const span = await verifySpan(mint(), { jwtKey: pair.pem, ...policy });
      expect(span.attributes[A.verificationResult]).toBe(VerificationResult.invalid);
      expect(span.attributes[A.reason]).toBe(reason);
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
      const points = await telemetry.metricPoints();
      const duration = points.find((p) => p.name === Metric.verificationDuration.name);
      expect(duration?.attributes).toMatchObject({ [A.verificationResult]: 'invalid', [A.reason]: reason });
      expect(duration?.value).toBe(1);
    });
  }

  it('no usable key (the JWKS cannot load) is a failure: key_unavailable, status ERROR, error.type', async () => {
    const jwks = new JwksCache({
      loadJwks: async () => {
        throw new Error('connection refused');
      },
    });
    const span = await verifySpan(signRs(sessionClaims(), pair), { jwks });
    expect(span.attributes[A.reason]).toBe(Reason.key_unavailable);
    expect(span.attributes[A.errorType]).toBe('ERR_TOKEN_KEY_UNAVAILABLE');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.status.message).toBe('ERR_TOKEN_KEY_UNAVAILABLE');
  });

  it('machine tokens: invalid (refused) is an outcome, unverified (API down) is a failure', async () => {
    // The Backend API client against the local backend (which refuses a token it never issued), then against a
    // port nothing listens on.
    const backend = await startLocalBackend();
    const through = (apiUrl: string) => {
      const client = createBackendApiClient({ secretKey: backend.secretKey, apiUrl });
      return { verifyMachineToken: (token: string, type: MachineTokenType) => client.verifyMachineToken(token, type) };
    };
    let invalid: Awaited<ReturnType<typeof verifySpan>>;
    try {
      invalid = await verifySpan('mt_refused000000000000000000', through(backend.url));
    } finally {
      await backend.close();
    }
    expect(invalid.attributes).toMatchObject({ [A.tokenType]: 'm2m_token', [A.reason]: Reason.machine_token_invalid });
    expect(invalid.status.code).toBe(SpanStatusCode.UNSET);
    telemetry.reset();
    const unverified = await verifySpan('ak_downDownDownDownDownDown', through('http://127.0.0.1:1'));
    expect(unverified.attributes).toMatchObject({
      [A.tokenType]: 'api_key',
      [A.reason]: Reason.machine_token_unverified,
    });
    expect(unverified.status.code).toBe(SpanStatusCode.ERROR);
    expect(unverified.attributes[A.errorType]).toBe('ERR_MACHINE_TOKEN_UNVERIFIED');
  });

  // Hardening finding 1: why a machine token cost no call is on the span; the token never is.
  it('machine tokens decided without a call: malformed, refused recently, budget reserved, positive-cache hit', async () => {
    const backend = await startLocalBackend();
    const spans: Array<Awaited<ReturnType<typeof verifySpan>>> = [];
    const budget = new WindowBudget();
    const client = createBackendApiClient({ secretKey: backend.secretKey, apiUrl: backend.url, budget });
    const clerk = createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });
    const options = {
      verifyMachineToken: (token: string, type: MachineTokenType) => client.verifyMachineToken(token, type),
      machineTokenCache: new MachineTokenCache(),
    };
    const refused = `mt_${'R'.repeat(48)}`;
    // Limits on, so the answers report the window (with limits off the reserve stands aside).
    await backend.admin.rateLimit({ limit: 1000, windowSeconds: 10 });
    try {
      const worker = (await clerk.machines.list()).data.find((m) => m.name === 'demo-worker')!;
      const { secret } = await clerk.machines.getSecretKey(worker.id);
      const valid = (await clerk.m2m.createToken({ machineSecretKey: secret, secondsUntilExpiration: 600 })).token!;
      for (const token of ['mt_short', refused, refused, valid, valid]) {
        telemetry.reset();
        spans.push(await verifySpan(token, options));
      }
      for (let i = 0; i < 1000 && budget.take('machine_token_verification'); i++);
      telemetry.reset();
      spans.push(await verifySpan(`mt_${'B'.repeat(48)}`, options));
    } finally {
      await backend.close();
    }
    const [malformed, invalid, recently, verified, cached, reserved] = spans;
    expect(malformed!.attributes).toMatchObject({
      [A.tokenType]: 'm2m_token',
      [A.reason]: Reason.machine_token_malformed,
    });
    expect(malformed!.status.code).toBe(SpanStatusCode.UNSET);
    expect(invalid!.attributes[A.reason]).toBe(Reason.machine_token_invalid);
    expect(recently!.attributes[A.reason]).toBe(Reason.refused_recently);
    expect(verified!.attributes).toMatchObject({ [A.reason]: Reason.valid_token, [A.verifiedTokenCacheHit]: false });
    expect(cached!.attributes).toMatchObject({ [A.reason]: Reason.valid_token, [A.verifiedTokenCacheHit]: true });
    expect(reserved!.attributes).toMatchObject({ [A.reason]: Reason.budget_reserved });
    expect(reserved!.attributes[A.errorType]).toBe('ERR_BACKEND_API_BUDGET_RESERVED');
    expect(reserved!.status.code).toBe(SpanStatusCode.ERROR);
    const values = spans.flatMap((span) => Object.values(span!.attributes).map(String));
    expect(values.filter((value) => value.includes('RRRRRRRR') || value.includes('mt_'))).toEqual([]);
  });

  it('the public verifyToken() is traced the same way: valid (jwt_key), then a cache hit, and a rejection', async () => {
    const token = signRs(sessionClaims({ sid: 'sess_public' }), pair);
    await verifyToken(token, { jwtKey: pair.pem });
    await verifyToken(token, { jwtKey: pair.pem });
    await verifyToken(signRs(sessionClaims({ exp: now - 60, iat: now - 120, nbf: now - 120 }), pair), {
      jwtKey: pair.pem,
    }).catch(() => undefined);
    const [first, second, rejected] = telemetry.spansNamed(SpanName.tokenVerify);
    expect(first!.attributes).toMatchObject({
      [A.tokenAlgorithm]: 'RS256',
      [A.tokenKid]: pair.kid,
      [A.jwksCacheResult]: JwksCacheResult.jwt_key,
      [A.verifiedTokenCacheHit]: false,
      [A.verificationResult]: VerificationResult.valid,
    });
    expect(second!.attributes[A.verifiedTokenCacheHit]).toBe(true);
    expect(rejected!.attributes).toMatchObject({ [A.verificationResult]: 'invalid', [A.reason]: Reason.expired });
  });
});
