/**
 * The Edge runtime has neither Buffer nor process.getBuiltinModule: the same
 * modules, loaded without them, must fall back to atob and Web Crypto.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionClaims, signRs, tamperSignature, testKeyPair } from './test-support/mint.js';
import { sameBytesRewrites, signWithSpareBits } from './test-support/rewrite-token.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

async function loadWithoutNode() {
  vi.resetModules();
  vi.stubGlobal('Buffer', undefined);
  vi.stubGlobal('process', { env: {} });
  const runtime = await import('./crypto-runtime.js');
  const base64 = await import('./base64url.js');
  const verify = await import('./verify-session-token.js');
  const keys = await import('./key-source.js');
  return { runtime, base64, verify, keys };
}

describe('without node:crypto and Buffer (Edge runtime)', () => {
  it('detects the web runtime', async () => {
    const { runtime } = await loadWithoutNode();
    expect(runtime.getNodeCrypto()).toBeNull();
    expect(runtime.defaultCryptoRuntime()).toBe('web');
  });

  it('decodes base64url strictly with atob', async () => {
    const pair = testKeyPair();
    const token = signRs(sessionClaims(), pair);
    const payloadSegment = token.split('.')[1]!;
    const { base64 } = await loadWithoutNode();
    expect(JSON.parse(base64.bytesToUtf8(base64.strictBase64UrlToBytes(payloadSegment)!)).sub).toBe('user_2alice');
    expect(base64.strictBase64UrlToBytes('ab+c')).toBeNull();
    expect(base64.strictBase64UrlToBytes('ab c')).toBeNull();
    expect(base64.strictBase64UrlToBytes('abcde')).toBeNull();
    // Hardening finding 9: atob drops spare bits and would read `QR` as `QQ`; non-ASCII never passes.
    expect(Array.from(base64.strictBase64UrlToBytes('QQ')!)).toEqual([0x41]);
    expect(base64.strictBase64UrlToBytes('QR')).toBeNull();
    expect(base64.strictBase64UrlToBytes('QUJ')).toBeNull();
    expect(base64.strictBase64UrlToBytes('QUJ\u0144')).toBeNull();
  });

  it('refuses a token rewritten into another string of the same bytes (Hardening finding 9)', async () => {
    const pair = testKeyPair();
    const token = signWithSpareBits(pair);
    const { verify, keys } = await loadWithoutNode();
    const jwks = new keys.PemKeySource(pair.pem);
    for (const [how, rewritten] of sameBytesRewrites(token)) {
      await expect(verify.verifySessionToken(rewritten, { jwks }), how).rejects.toMatchObject({ reason: 'malformed' });
    }
    await expect(verify.verifySessionToken(token, { jwks })).resolves.toMatchObject({ userId: 'user_2alice' });
  });

  it("refuses a payload that is not UTF-8 as malformed, not with TextDecoder's TypeError (found by fuzzing)", async () => {
    const pair = testKeyPair();
    const [header] = signRs(sessionClaims(), pair).split('.');
    const { verify, keys } = await loadWithoutNode();
    const jwks = new keys.PemKeySource(pair.pem);
    await expect(verify.verifySessionToken(`${header}._w.c2ln`, { jwks })).rejects.toMatchObject({
      code: 'ERR_TOKEN_MALFORMED',
    });
  });

  it('gives a typed error, never a DOMException, for input the lenient decoder cannot read', async () => {
    const { base64 } = await loadWithoutNode();
    expect(() => base64.base64UrlToBytes('a%b')).toThrow(expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED' }));
    expect(() => base64.base64UrlToUtf8('_w')).toThrow(expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED' }));
  });

  it('verifies a session token with Web Crypto, and rejects a tampered one', async () => {
    const pair = testKeyPair();
    const token = signRs(sessionClaims({ org_id: 'org_1', org_role: 'org:admin' }), pair);
    const tampered = tamperSignature(token);
    const { verify, keys } = await loadWithoutNode();
    const jwks = new keys.PemKeySource(pair.pem);
    const state = await verify.verifySessionToken(token, { jwks });
    expect(state).toMatchObject({ userId: 'user_2alice', orgRole: 'org:admin' });
    await expect(verify.verifySessionToken(tampered, { jwks })).rejects.toMatchObject({ reason: 'bad_signature' });
  });
});
