// Test-only: mint real tokens with node:crypto keys (excluded from the build).
import { createHmac, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { DIGESTS, isSupportedAlgorithm } from '../jws-algorithms.js';

export interface TestKeyPair {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM, as CLERK_JWT_KEY holds it. */
  pem: string;
  /** The public JWK with kid/alg/use, as the JWKS serves it. */
  jwk: JsonWebKey & { kid: string };
}

const pairs = new Map<string, TestKeyPair>();

/** A memoised RSA key pair per name (generation is slow; reuse across tests). */
export function testKeyPair(name = 'default', modulusLength = 2048, publicExponent = 65537): TestKeyPair {
  const id = `${name}/${modulusLength}/${publicExponent}`;
  let pair = pairs.get(id);
  if (!pair) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength, publicExponent });
    const kid = `ins_test_${name}_${modulusLength}`;
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const jwk = { ...(publicKey.export({ format: 'jwk' }) as JsonWebKey), kid, alg: 'RS256', use: 'sig' };
    pair = { kid, privateKey, publicKey, pem, jwk };
    pairs.set(id, pair);
  }
  return pair;
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs `header.payload` with RSA PKCS#1 v1.5 (RS256/384/512). */
export function signRs(
  payload: Record<string, unknown>,
  pair: TestKeyPair,
  header: Record<string, unknown> = {},
): string {
  const fullHeader = { alg: 'RS256', kid: pair.kid, typ: 'JWT', ...header };
  const input = `${b64(fullHeader)}.${b64(payload)}`;
  const hash = isSupportedAlgorithm(fullHeader.alg) ? DIGESTS[fullHeader.alg].node : 'sha256';
  return `${input}.${sign(hash, Buffer.from(input), pair.privateKey).toString('base64url')}`;
}

/** The classic confusion attack: HS256 keyed with the public key's PEM text. */
export function signHs256WithPublicKey(payload: Record<string, unknown>, pair: TestKeyPair): string {
  const input = `${b64({ alg: 'HS256', kid: pair.kid, typ: 'JWT' })}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', pair.pem).update(input).digest('base64url')}`;
}

/** `alg: none`, with an empty signature (and a variant with a junk one). */
export function unsignedToken(payload: Record<string, unknown>, signature = ''): string {
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.${signature}`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A plausible v1 session token payload, valid for a minute. */
export function sessionClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = nowSeconds();
  return {
    azp: 'http://localhost:3000',
    exp: iat + 60,
    iat,
    iss: 'https://clerk.test.local',
    nbf: iat - 10,
    sid: 'sess_2abc',
    sub: 'user_2alice',
    ...overrides,
  };
}

/** Flips one signature bit without changing the token's form. */
export function tamperSignature(token: string): string {
  const dot = token.lastIndexOf('.');
  const sig = Buffer.from(token.slice(dot + 1), 'base64url');
  sig[0] = sig[0]! ^ 0x01;
  return `${token.slice(0, dot + 1)}${sig.toString('base64url')}`;
}

export { createPublicKey };
