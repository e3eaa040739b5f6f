import { createClerkClient } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MachineAuthState, MachineTokenType } from '../auth-state.js';
import { createBackendApiClient } from '../backend-api/create-backend-api-client.js';
import { WindowBudget } from '../backend-api/rate-limit-budget.js';
import { startLocalBackend } from '../backend-api/test-support/local-backend.js';
import { MachineTokenCache } from './machine-token-cache.js';
import { sessionClaims, signRs, testKeyPair } from './test-support/mint.js';
import { isTokenTypeAccepted, verifyRequestToken } from './verify-request-token.js';
import { verifySessionToken } from './verify-session-token.js';
import { verifyToken } from './verify-token.js';

const pair = testKeyPair();
/** Opaque tokens of the form Clerk issues (prefix and 32 base62 characters). */
const BODY = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6';
const MT = `mt_${BODY}`;

function machineState(type: MachineTokenType): MachineAuthState {
  return {
    tokenType: type,
    id: 'mt_id',
    subject: 'mch_worker',
    name: 'worker',
    scopes: [],
    claims: null,
    userId: null,
    orgId: null,
    clientId: null,
    expiration: null,
  };
}

async function reasonOf(promise: Promise<unknown>) {
  try {
    await promise;
    return null;
  } catch (error) {
    return (error as { reason: string }).reason;
  }
}

describe('verifyRequestToken', () => {
  it('verifies a session token locally', async () => {
    const state = await verifyRequestToken(signRs(sessionClaims(), pair), { jwtKey: pair.pem });
    expect(state.tokenType).toBe('session_token');
  });

  it('sends machine tokens to the injected verifier with their detected type', async () => {
    const seen: [string, MachineTokenType][] = [];
    const verifyMachineToken = async (token: string, type: MachineTokenType) => {
      seen.push([token, type]);
      return machineState(type);
    };
    const m2mJwt = signRs({ sub: 'mch_worker', exp: 9_999_999_999 }, pair);
    for (const token of [MT, `oat_${BODY}`, `ak_${BODY}`]) {
      await verifyRequestToken(token, { jwtKey: pair.pem, verifyMachineToken });
    }
    // Without local keys, a JWT-format machine token goes to the Backend API too.
    await verifyRequestToken(m2mJwt, { verifyMachineToken });
    expect(seen.map(([, type]) => type)).toEqual(['m2m_token', 'oauth_token', 'api_key', 'm2m_token']);
  });

  it('verifies JWT-format machine tokens locally when keys are configured', async () => {
    let called = false;
    const verifyMachineToken = async (_t: string, type: MachineTokenType) => {
      called = true;
      return machineState(type);
    };
    const m2mJwt = signRs({ sub: 'mch_worker', jti: 'mt_x', exp: 9_999_999_999 }, pair);
    const state = await verifyRequestToken(m2mJwt, { jwtKey: pair.pem, verifyMachineToken });
    expect(state).toMatchObject({ tokenType: 'm2m_token', id: 'mt_x', subject: 'mch_worker' });
    expect(called).toBe(false);
    const forged = signRs({ sub: 'mch_worker', exp: 9_999_999_999 }, testKeyPair('forger'));
    expect(await reasonOf(verifyRequestToken(forged, { jwtKey: pair.pem, verifyMachineToken }))).toBe(
      'machine_token_invalid',
    );
  });

  it('refuses a type that is not accepted without verifying it', async () => {
    let called = false;
    const verifyMachineToken = async (_t: string, type: MachineTokenType) => {
      called = true;
      return machineState(type);
    };
    expect(await reasonOf(verifyRequestToken(MT, { verifyMachineToken, acceptsToken: 'session_token' }))).toBe(
      'wrong_token_type',
    );
    expect(
      await reasonOf(
        verifyRequestToken(signRs(sessionClaims(), pair), { jwtKey: pair.pem, acceptsToken: ['m2m_token'] }),
      ),
    ).toBe('wrong_token_type');
    expect(called).toBe(false);
  });

  it('without a Backend API verifier, or with an answer of another type, a machine token is not accepted', async () => {
    expect(await reasonOf(verifyRequestToken(MT, {}))).toBe('machine_token_unverified');
    // The real Backend API never answers with another type; the check stands in case it ever did.
    const wrongType = async () => machineState('api_key');
    expect(await reasonOf(verifyRequestToken(MT, { verifyMachineToken: wrongType }))).toBe('machine_token_invalid');
  });

  it('isTokenTypeAccepted handles one type, a list, and any', () => {
    expect(isTokenTypeAccepted('m2m_token', 'any')).toBe(true);
    expect(isTokenTypeAccepted('m2m_token', ['oauth_token', 'm2m_token'])).toBe(true);
    expect(isTokenTypeAccepted('m2m_token', 'session_token')).toBe(false);
    expect(isTokenTypeAccepted('api_key', [])).toBe(false);
  });
});

describe('verifyRequestToken with the Backend API client, against the local backend', () => {
  let backend: Awaited<ReturnType<typeof startLocalBackend>>;
  let machineId: string;
  let m2mToken: string;
  beforeAll(async () => {
    backend = await startLocalBackend();
    // Test set-up through Clerk's own client: authlens only verifies machine tokens.
    const clerk = createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });
    const worker = (await clerk.machines.list()).data.find((m) => m.name === 'demo-worker');
    if (!worker) throw new Error('the demo seed has no demo-worker machine');
    machineId = worker.id;
    const { secret } = await clerk.machines.getSecretKey(machineId);
    m2mToken = (await clerk.m2m.createToken({ machineSecretKey: secret, secondsUntilExpiration: 600 })).token!;
  });
  afterAll(() => backend.close());

  /** The verifier clerkMiddleware wires in: the Backend API client's verifyMachineToken. */
  const through = (secretKey = backend.secretKey, apiUrl = backend.url) => {
    const client = createBackendApiClient({ secretKey, apiUrl });
    return { verifyMachineToken: (token: string, type: MachineTokenType) => client.verifyMachineToken(token, type) };
  };

  it('never takes the M2M JWT the backend mints for a session (Hardening finding 2)', async () => {
    const clerk = createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });
    const { secret } = await clerk.machines.getSecretKey(machineId);
    const created = await clerk.m2m.createToken({ machineSecretKey: secret, tokenFormat: 'jwt' });
    const jwt = created.token!;
    const keys = { jwtKey: backend.jwtKey };
    expect(await verifyRequestToken(jwt, keys)).toMatchObject({ tokenType: 'm2m_token', subject: machineId });
    expect(await reasonOf(verifyRequestToken(jwt, { ...keys, acceptsToken: 'session_token' }))).toBe(
      'wrong_token_type',
    );
    expect(await reasonOf(verifySessionToken(jwt, keys))).toBe('wrong_token_type');
    expect(await reasonOf(verifyToken(jwt, keys))).toBe('wrong_token_type');
  });

  it('types machine failures: a refusal is invalid, a failure to ask is unverified', async () => {
    expect(await verifyRequestToken(m2mToken, through())).toMatchObject({ tokenType: 'm2m_token', subject: machineId });
    // Refused by the Backend API: the token is bad.
    expect(await reasonOf(verifyRequestToken('mt_neverIssued0000000000000000', through()))).toBe(
      'machine_token_invalid',
    );
    // No verdict on the token: wrong secret key, the Backend API failing, or not reachable.
    expect(await reasonOf(verifyRequestToken(m2mToken, through('sk_test_wrongwrongwrong')))).toBe(
      'machine_token_unverified',
    );
    await backend.admin.fault({ route: 'POST /v1/m2m_tokens/verify', status: 503, errorRate: 1 });
    try {
      expect(await reasonOf(verifyRequestToken(m2mToken, through()))).toBe('machine_token_unverified');
    } finally {
      await backend.admin.clearFaults();
    }
    expect(await reasonOf(verifyRequestToken(m2mToken, through(backend.secretKey, 'http://127.0.0.1:1')))).toBe(
      'machine_token_unverified',
    );
  });
});

// Hardening finding 1: an opaque machine token costs a Backend API call only when nothing else can decide.
describe('verifyRequestToken: what an opaque machine token costs, against the local backend', () => {
  const VERIFY = 'POST /v1/m2m_tokens/verify';
  let backend: Awaited<ReturnType<typeof startLocalBackend>>;
  let m2mToken: string;
  beforeAll(async () => {
    backend = await startLocalBackend();
    const clerk = createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });
    const worker = (await clerk.machines.list()).data.find((m) => m.name === 'demo-worker')!;
    const { secret } = await clerk.machines.getSecretKey(worker.id);
    m2mToken = (await clerk.m2m.createToken({ machineSecretKey: secret, secondsUntilExpiration: 600 })).token!;
  });
  afterAll(() => backend.close());

  const calls = async () => (await backend.admin.counts())[VERIFY] ?? 0;
  function setup(cache: MachineTokenCache | undefined, budget?: WindowBudget) {
    const client = createBackendApiClient({ secretKey: backend.secretKey, apiUrl: backend.url, budget });
    return {
      verifyMachineToken: (token: string, type: MachineTokenType) => client.verifyMachineToken(token, type),
      machineTokenCache: cache,
    };
  }

  it('a malformed token is refused (machine_token_malformed) with no call, cache or not', async () => {
    await backend.admin.resetCounters();
    for (const token of ['mt_short', `mt_${BODY} `, `mt_${BODY}.${BODY}`, `oat_${'x'.repeat(200)}`]) {
      expect(await reasonOf(verifyRequestToken(token, setup(undefined)))).toBe('machine_token_malformed');
      expect(await reasonOf(verifyRequestToken(token, setup(new MachineTokenCache())))).toBe('machine_token_malformed');
    }
    expect(await calls()).toBe(0);
  });

  it('a refused token is refused again from the negative cache (refused_recently) with no call', async () => {
    await backend.admin.resetCounters();
    const options = setup(new MachineTokenCache());
    const unknown = `mt_${'Z'.repeat(48)}`;
    expect(await reasonOf(verifyRequestToken(unknown, options))).toBe('machine_token_invalid');
    expect(await reasonOf(verifyRequestToken(unknown, options))).toBe('refused_recently');
    expect(await calls()).toBe(1);
  });

  it('a verified token is served from the positive cache; turned off, every request asks', async () => {
    await backend.admin.resetCounters();
    const options = setup(new MachineTokenCache());
    const first = await verifyRequestToken(m2mToken, options);
    expect(await verifyRequestToken(m2mToken, options)).toEqual(first);
    expect(await calls()).toBe(1);
    const off = setup(new MachineTokenCache({ positive: false }));
    await verifyRequestToken(m2mToken, off);
    await verifyRequestToken(m2mToken, off);
    expect(await calls()).toBe(3);
  });

  it('a failure to ask is not remembered: the next request asks again', async () => {
    await backend.admin.resetCounters();
    const options = setup(new MachineTokenCache());
    await backend.admin.fault({ route: VERIFY, status: 503, errorRate: 1 });
    try {
      expect(await reasonOf(verifyRequestToken(m2mToken, options))).toBe('machine_token_unverified');
    } finally {
      await backend.admin.clearFaults();
    }
    expect((await verifyRequestToken(m2mToken, options)).tokenType).toBe('m2m_token');
    expect(await calls()).toBe(2);
  });

  it('an unknown token meeting the reserve is refused (budget_reserved) with no call; a cached one still passes', async () => {
    // Limits on, so the answers report the window (with limits off the reserve stands aside).
    await backend.admin.rateLimit({ limit: 1000, windowSeconds: 10 });
    const budget = new WindowBudget();
    const options = setup(new MachineTokenCache(), budget);
    await verifyRequestToken(m2mToken, options);
    for (let i = 0; i < 1000 && budget.take('machine_token_verification'); i++);
    await backend.admin.resetCounters();
    const error = await verifyRequestToken(`mt_${'Y'.repeat(48)}`, options).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'budget_reserved', code: 'ERR_BACKEND_API_BUDGET_RESERVED' });
    expect((error as Error).cause).toMatchObject({ code: 'ERR_BACKEND_API_BUDGET_RESERVED' });
    expect((await verifyRequestToken(m2mToken, options)).tokenType).toBe('m2m_token');
    expect(await calls()).toBe(0);
    // Not a verdict on the token: not remembered as refused.
    expect((await options.machineTokenCache!.lookup(`mt_${'Y'.repeat(48)}`)).kind).toBe('unknown');
    await backend.admin.rateLimit({ off: true });
  });
});

describe('verifyRequestToken decoding work', () => {
  it('classifies a cached token from the cache, and a cold one with a single decode', async () => {
    const { PemKeySource } = await import('./key-source.js');
    const jwks = new PemKeySource(pair.pem);
    // Headers are memoised after the first token, so each payload decode is one JSON.parse: count those.
    await verifyRequestToken(signRs(sessionClaims({ sid: 'sess_warm' }), pair), { jwks });
    const decodes = vi.spyOn(JSON, 'parse');
    try {
      const token = signRs(sessionClaims({ sid: 'sess_once' }), pair);
      const first = await verifyRequestToken(token, { jwks });
      expect(decodes).toHaveBeenCalledTimes(1);
      expect(jwks.verifiedTokens.size).toBe(2);
      const second = await verifyRequestToken(token, { jwks });
      expect(second).toBe(first);
      expect(decodes).toHaveBeenCalledTimes(1);
      // A machine JWT verified once is still classified as a machine token from the cache.
      const m2m = signRs({ sub: 'mch_worker', jti: 'mt_c', exp: 9_999_999_999 }, pair);
      expect((await verifyRequestToken(m2m, { jwks })).tokenType).toBe('m2m_token');
      expect(decodes).toHaveBeenCalledTimes(2);
      expect(await reasonOf(verifyRequestToken(m2m, { jwks, acceptsToken: 'session_token' }))).toBe('wrong_token_type');
      expect(decodes).toHaveBeenCalledTimes(2);
    } finally {
      decodes.mockRestore();
    }
  });
});
