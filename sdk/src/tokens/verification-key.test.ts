import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenVerificationError } from '../token-verification-error.js';
import type { CryptoRuntime } from './crypto-runtime.js';
import { defaultCryptoRuntime } from './crypto-runtime.js';
import type { JwsAlgorithm } from './jws-algorithms.js';
import { parseCompactJws } from './parse-compact-jws.js';
import { sessionClaims, signRs, tamperSignature, testKeyPair } from './test-support/mint.js';
import { createVerificationKey } from './verification-key.js';

const runtimes: CryptoRuntime[] = ['node', 'web'];

describe('createVerificationKey', () => {
  it('uses node:crypto by default on Node', () => {
    expect(defaultCryptoRuntime()).toBe('node');
    expect(createVerificationKey({ pem: testKeyPair().pem }).runtime).toBe('node');
  });

  describe.each(runtimes)('on the %s runtime', (runtime) => {
    it.each(['RS256', 'RS384', 'RS512'] as JwsAlgorithm[])('verifies %s from a PEM and from a JWK', async (alg) => {
      const pair = testKeyPair();
      const token = signRs(sessionClaims(), pair, { alg });
      const { signingInput, signature } = parseCompactJws(token);
      for (const key of [
        createVerificationKey({ pem: pair.pem }, runtime),
        createVerificationKey({ jwk: { ...pair.jwk, alg: undefined } }, runtime),
      ]) {
        expect(await key.verify(alg, signingInput, signature)).toBe(true);
        const bad = parseCompactJws(tamperSignature(token));
        expect(await key.verify(alg, bad.signingInput, bad.signature)).toBe(false);
      }
    });

    it('does not verify a signature made by another key', async () => {
      const token = signRs(sessionClaims(), testKeyPair('other'));
      const { signingInput, signature } = parseCompactJws(token);
      expect(
        await createVerificationKey({ pem: testKeyPair().pem }, runtime).verify('RS256', signingInput, signature),
      ).toBe(false);
    });

    it('does not verify when the hash differs from the one signed with', async () => {
      const pair = testKeyPair();
      const { signingInput, signature } = parseCompactJws(signRs(sessionClaims(), pair, { alg: 'RS256' }));
      expect(await createVerificationKey({ pem: pair.pem }, runtime).verify('RS512', signingInput, signature)).toBe(
        false,
      );
    });

    it('refuses RSA keys shorter than 2048 bits', async () => {
      const small = testKeyPair('small', 1024);
      const attempt = async () => {
        const key = createVerificationKey({ pem: small.pem }, runtime);
        const { signingInput, signature } = parseCompactJws(signRs(sessionClaims(), small));
        await key.verify('RS256', signingInput, signature);
      };
      await expect(attempt()).rejects.toMatchObject({ code: 'ERR_TOKEN_KEY_INVALID' });
    });

    it('refuses RSA keys with a public exponent below 65537, as PEM and as JWK (Hardening finding 10)', async () => {
      const weak = testKeyPair('small-exponent', 2048, 3);
      const { signingInput, signature } = parseCompactJws(signRs(sessionClaims(), weak));
      for (const material of [{ pem: weak.pem }, { jwk: weak.jwk }]) {
        const attempt = async () => createVerificationKey(material, runtime).verify('RS256', signingInput, signature);
        await expect(attempt()).rejects.toMatchObject({
          code: 'ERR_TOKEN_KEY_INVALID',
          message: expect.stringMatching(/exponent is below 65537/),
        });
      }
    });
  });

  it('refuses a non-RSA key, a garbage PEM and a JWK meant for encryption', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(() => createVerificationKey({ pem: ec }, 'node')).toThrow(TokenVerificationError);
    expect(() => createVerificationKey({ pem: 'not a key' }, 'node')).toThrow(/could not be imported/);
    expect(() => createVerificationKey({ pem: 'not a key' }, 'web')).toThrow(/PUBLIC KEY/);
    expect(() => createVerificationKey({ jwk: { ...testKeyPair().jwk, use: 'enc' } }, 'node')).toThrow(/signatures/);
    expect(() => createVerificationKey({ jwk: { ...testKeyPair().jwk, alg: 'HS256' } }, 'web')).toThrow(/algorithm/);
  });

  it('accepts a PEM written on one line with literal \\n, as env files hold it', async () => {
    const pair = testKeyPair();
    const oneLine = pair.pem.trim().replace(/\n/g, '\\n');
    const { signingInput, signature } = parseCompactJws(signRs(sessionClaims(), pair));
    expect(await createVerificationKey({ pem: oneLine }, 'node').verify('RS256', signingInput, signature)).toBe(true);
    expect(await createVerificationKey({ pem: oneLine }, 'web').verify('RS256', signingInput, signature)).toBe(true);
  });
});
