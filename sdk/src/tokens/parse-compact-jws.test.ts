import { describe, expect, it } from 'vitest';
import { TokenVerificationError } from '../token-verification-error.js';
import { MAX_TOKEN_LENGTH, parseCompactJws, peekCompactJws } from './parse-compact-jws.js';
import { sessionClaims, signRs, testKeyPair } from './test-support/mint.js';
import {
  sameBytesRewrites,
  segmentsOf,
  signWithSpareBits,
  withSpareBit,
  withWideCodeUnit,
} from './test-support/rewrite-token.js';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

function expectMalformed(token: unknown) {
  try {
    parseCompactJws(token);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenVerificationError);
    expect((error as TokenVerificationError).code).toBe('ERR_TOKEN_MALFORMED');
    expect((error as TokenVerificationError).reason).toBe('malformed');
    return error as TokenVerificationError;
  }
  throw new Error('expected the token to be refused');
}

describe('parseCompactJws', () => {
  it('splits a signed token into header, payload, signing input and signature', () => {
    const pair = testKeyPair();
    const token = signRs(sessionClaims({ sub: 'user_1' }), pair);
    const parsed = parseCompactJws(token);
    expect(parsed.header).toMatchObject({ alg: 'RS256', kid: pair.kid, typ: 'JWT' });
    expect(parsed.payload.sub).toBe('user_1');
    expect(`${parsed.signingInput}.${Buffer.from(parsed.signature).toString('base64url')}`).toBe(token);
  });

  it.each([
    ['a non-string', 42],
    ['an empty string', ''],
    ['two segments', `${b64({ alg: 'RS256' })}.${b64({})}`],
    ['four segments', `${b64({ alg: 'RS256' })}.${b64({})}.c2ln.c2ln`],
    ['an empty signature (unsigned JWT)', `${b64({ alg: 'none' })}.${b64({ sub: 'x' })}.`],
    ['padding characters', `${b64({ alg: 'RS256' })}.${b64({})}=.c2ln`],
    ['standard base64 characters', `${b64({ alg: 'RS256' })}.${b64({})}.ab+/`],
    ['whitespace', ` ${b64({ alg: 'RS256' })}.${b64({})}.c2ln`],
    ['a header that is not JSON', `${b64('not json')}.${b64({})}.c2ln`],
    ['a payload that is an array', `${b64({ alg: 'RS256' })}.${b64([1, 2])}.c2ln`],
    ['a payload that is a string', `${b64({ alg: 'RS256' })}.${b64('"str"')}.c2ln`],
    ['a header without alg', `${b64({ typ: 'JWT' })}.${b64({})}.c2ln`],
    ['a numeric kid', `${b64({ alg: 'RS256', kid: 7 })}.${b64({})}.c2ln`],
    ['critical extensions', `${b64({ alg: 'RS256', crit: ['b64'], b64: false })}.${b64({})}.c2ln`],
    ['an impossible base64url length', `${b64({ alg: 'RS256' })}.${b64({})}.a`],
    ['a dot-separated JWE-like form', `${b64({ alg: 'RS256' })}.${b64({})}.c2ln.c2ln.c2ln`],
    ['a non-ASCII character', `${b64({ alg: 'RS256' })}.${b64({})}.c2l\u00e9`],
    [
      'a standard-alphabet payload',
      `${b64({ alg: 'RS256' })}.${b64({ a: '???>>>' }).replace(/_/g, '/').replace(/-/g, '+')}/+.c2ln`,
    ],
  ])('refuses %s with ERR_TOKEN_MALFORMED', (_name, token) => {
    expectMalformed(token);
  });

  it('refuses every rewrite of a signed token that decodes to the same bytes (Hardening finding 9)', () => {
    const token = signWithSpareBits(testKeyPair());
    const rewrites = sameBytesRewrites(token);
    expect(rewrites).toHaveLength(6);
    for (const [how, rewritten] of rewrites) {
      expect(rewritten, how).not.toBe(token);
      expect(expectMalformed(rewritten).message, how).toMatch(/base64url/);
    }
    expect(parseCompactJws(token).payload.sub).toBe('user_2alice');
  });

  it('refuses a rewritten header even when its canonical form is cached (Hardening finding 9)', () => {
    const token = signWithSpareBits(testKeyPair());
    parseCompactJws(token);
    const [header, payload, signature] = segmentsOf(token);
    expectMalformed(`${withSpareBit(header)}.${payload}.${signature}`);
    expectMalformed(`${withWideCodeUnit(header, 0)}.${payload}.${signature}`);
  });

  it('refuses an oversized token before decoding it', () => {
    const token = `${b64({ alg: 'RS256' })}.${'a'.repeat(MAX_TOKEN_LENGTH)}.c2ln`;
    expect(expectMalformed(token).message).toMatch(/longer/);
  });

  it('never puts the token into the error message', () => {
    const token = `${b64({ alg: 'RS256' })}.${b64('secret-payload')}.c2lnbmF0dXJl`;
    const error = expectMalformed(token);
    expect(error.message).not.toContain(token.slice(0, 20));
    expect(error.message).not.toContain('secret-payload');
  });

  it('peek returns null instead of throwing', () => {
    expect(peekCompactJws('garbage')).toBeNull();
    expect(peekCompactJws(signRs(sessionClaims(), testKeyPair()))?.header.alg).toBe('RS256');
  });
});
