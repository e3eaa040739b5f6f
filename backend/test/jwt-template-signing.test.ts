/**
 * JWT templates signed by jose: the instance key (RS256, in the JWKS) by default, or the template's own key for
 * every algorithm jose signs; each token verified with jose against the matching public key or secret.
 */
import { createLocalJWKSet, exportPKCS8, exportSPKI, generateKeyPair, importSPKI, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../src/index.js';
import { SIGNING_ALGORITHMS } from '../src/keys/signing-algorithms.js';
import { api, startTestBackend } from './support/backend.js';

let backend: RunningBackend;
let sessionId: string;
let userId: string;

beforeAll(async () => {
  backend = await startTestBackend();
  const user = await api(backend, '/v1/users', { method: 'POST', json: { email_address: ['ada@example.test'] } });
  userId = ((await user.json()) as { id: string }).id;
  const session = await api(backend, '/v1/sessions', { method: 'POST', json: { user_id: userId } });
  sessionId = ((await session.json()) as { id: string }).id;
});
afterAll(() => backend.close());

async function createTemplate(json: Record<string, unknown>) {
  const res = await api(backend, '/v1/jwt_templates', { method: 'POST', json });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function mint(template: string): Promise<string> {
  const res = await api(backend, `/v1/sessions/${sessionId}/tokens/${template}`, { method: 'POST' });
  expect(res.status).toBe(200);
  return ((await res.json()) as { jwt: string }).jwt;
}

describe('JWT templates signed by jose', () => {
  it('sign with the instance key (RS256, kid from the JWKS) by default', async () => {
    const created = await createTemplate({ name: 'default', claims: { email: '{{user.primary_email_address}}' } });
    expect(created.body).toMatchObject({ custom_signing_key: false, signing_algorithm: 'RS256' });
    const jwks = (await (await fetch(`${backend.url}/v1/jwks`)).json()) as Parameters<typeof createLocalJWKSet>[0];
    const { payload, protectedHeader } = await jwtVerify(await mint('default'), createLocalJWKSet(jwks));
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: jwks.keys[0]!.kid });
    expect(payload).toMatchObject({ sub: userId, email: 'ada@example.test' });
  });

  for (const alg of SIGNING_ALGORITHMS) {
    it(`sign with the template's own ${alg} key`, async () => {
      let signingKey: string;
      let verifyWith: CryptoKey | Uint8Array;
      if (alg.startsWith('HS')) {
        signingKey = 'a-shared-secret-'.repeat(4);
        verifyWith = new TextEncoder().encode(signingKey);
      } else {
        const pair = await generateKeyPair(alg, { extractable: true });
        signingKey = await exportPKCS8(pair.privateKey);
        verifyWith = await importSPKI(await exportSPKI(pair.publicKey), alg);
      }
      const name = `own-${alg}`;
      const created = await createTemplate({
        name,
        claims: { role: 'reader' },
        custom_signing_key: true,
        signing_algorithm: alg,
        signing_key: signingKey,
      });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ custom_signing_key: true, signing_algorithm: alg });
      // The key is write-only, as in Clerk.
      expect(JSON.stringify(created.body)).not.toContain(signingKey.slice(0, 40));
      const { payload, protectedHeader } = await jwtVerify(await mint(name), verifyWith, { algorithms: [alg] });
      expect(protectedHeader.alg).toBe(alg);
      expect(protectedHeader.kid).toBeUndefined();
      expect(payload).toMatchObject({ sub: userId, role: 'reader' });
    });
  }

  it('refuses an unknown algorithm, a key that does not fit it, and a custom algorithm without a key', async () => {
    const rsa = await exportPKCS8((await generateKeyPair('RS256', { extractable: true })).privateKey);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ custom_signing_key: true, signing_algorithm: 'none', signing_key: rsa }, 'signing_algorithm'],
      [{ custom_signing_key: true, signing_algorithm: 'ES256', signing_key: rsa }, 'signing_key'],
      [{ custom_signing_key: true, signing_algorithm: 'RS256', signing_key: 'not a pem' }, 'signing_key'],
      [{ custom_signing_key: true, signing_algorithm: 'HS256', signing_key: 'short' }, 'signing_key'],
      [{ custom_signing_key: true, signing_algorithm: 'ES256' }, 'signing_key'],
      [{ signing_algorithm: 'ES256' }, 'signing_algorithm'],
      [{ signing_key: rsa }, 'signing_key'],
    ];
    for (const [extra, param] of cases) {
      const res = await createTemplate({ name: `bad-${param}`, claims: {}, ...extra });
      expect(res.status, JSON.stringify(extra).slice(0, 80)).toBe(400);
      const error = (res.body.errors as Array<{ meta?: { param_name?: string } }>)[0];
      expect(error?.meta?.param_name).toBe(param);
    }
  });

  it('goes back to the instance key when custom_signing_key is turned off', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    await createTemplate({
      name: 'switch',
      claims: {},
      custom_signing_key: true,
      signing_algorithm: 'ES256',
      signing_key: await exportPKCS8(pair.privateKey),
    });
    expect((await jwtVerify(await mint('switch'), pair.publicKey)).protectedHeader.alg).toBe('ES256');
    const patched = await api(backend, '/v1/jwt_templates/switch', {
      method: 'PATCH',
      json: { custom_signing_key: false },
    });
    expect(((await patched.json()) as Record<string, unknown>).custom_signing_key).toBe(false);
    const jwks = (await (await fetch(`${backend.url}/v1/jwks`)).json()) as Parameters<typeof createLocalJWKSet>[0];
    expect((await jwtVerify(await mint('switch'), createLocalJWKSet(jwks))).protectedHeader.alg).toBe('RS256');
  });
});
