import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JWT_CATEGORY_JWT_TEMPLATE, JWT_CATEGORY_SESSION_TOKEN } from '../keys/jwt-category.js';
import { signJwt } from '../keys/sign-jwt.js';
import type { PublicJwk } from '../keys/signing-keys.js';
import { signMachineJwt } from '../machines/machine-jwt.js';
import { signedSessionId } from './signed-session-id.js';

function keyPair(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
  const published: PublicJwk = { kid, kty: jwk.kty, alg: 'RS256', use: 'sig', n: jwk.n, e: jwk.e };
  return { privateKey, published };
}

const current = keyPair('ins_current');
const other = keyPair('ins_other');
const SESSION = JWT_CATEGORY_SESSION_TOKEN;

describe('signedSessionId', () => {
  it('reads sid and sub from a session token signed by a published key, even once expired', async () => {
    const token = await signJwt(
      { sid: 'sess_1', sub: 'user_1', exp: 1 },
      { privateKey: current.privateKey, kid: 'ins_current' },
      { cat: SESSION },
    );
    expect(signedSessionId(token, [current.published])).toEqual({ sessionId: 'sess_1', userId: 'user_1' });
  });

  it('rejects tokens of unknown keys, forged signatures and garbage', async () => {
    const claims = { sid: 'sess_1', sub: 'user_1' };
    const byOther = await signJwt(claims, { privateKey: other.privateKey, kid: 'ins_other' }, { cat: SESSION });
    expect(signedSessionId(byOther, [current.published])).toBeNull();
    // Signed by another key but claiming the published kid.
    const forged = await signJwt(claims, { privateKey: other.privateKey, kid: 'ins_current' }, { cat: SESSION });
    expect(signedSessionId(forged, [current.published])).toBeNull();
    const [h, , s] = (
      await signJwt(claims, { privateKey: current.privateKey, kid: 'ins_current' }, { cat: SESSION })
    ).split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sid: 'sess_2' })).toString('base64url')}.${s}`;
    expect(signedSessionId(tampered, [current.published])).toBeNull();
    for (const garbage of ['', 'a.b', 'a.b.c', '%%%.%%%.%%%'])
      expect(signedSessionId(garbage, [current.published])).toBeNull();
  });

  it('names no session for the other JWTs the same key signs, whatever sid they claim (Hardening finding 8)', async () => {
    const key = { privateKey: current.privateKey, kid: 'ins_current' };
    const m2m = await signMachineJwt({ sub: 'mch_1', sid: 'sess_1' }, key, 'JWT');
    const oauth = await signMachineJwt({ sub: 'user_1', sid: 'sess_1' }, key, 'at+jwt');
    const template = await signJwt(
      { sub: 'user_1', sid: 'sess_1' },
      { privateKey: current.privateKey, kid: 'ins_current' },
      { cat: JWT_CATEGORY_JWT_TEMPLATE },
    );
    const uncategorised = await signJwt(
      { sub: 'user_1', sid: 'sess_1' },
      { privateKey: current.privateKey, kid: 'ins_current' },
    );
    for (const token of [m2m, oauth, template, uncategorised]) {
      expect(signedSessionId(token, [current.published])).toBeNull();
    }
  });
});
