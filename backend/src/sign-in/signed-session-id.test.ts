import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signJwt } from '../keys/sign-jwt.js';
import type { PublicJwk } from '../keys/signing-keys.js';
import { signedSessionId } from './signed-session-id.js';

function keyPair(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
  const published: PublicJwk = { kid, kty: jwk.kty, alg: 'RS256', use: 'sig', n: jwk.n, e: jwk.e };
  return { privateKey, published };
}

const current = keyPair('ins_current');
const other = keyPair('ins_other');

describe('signedSessionId', () => {
  it('reads sid from a token signed by a published key, even once expired', () => {
    const token = signJwt({ sid: 'sess_1', sub: 'user_1', exp: 1 }, current.privateKey, 'ins_current');
    expect(signedSessionId(token, [current.published])).toBe('sess_1');
  });

  it('rejects tokens of unknown keys, forged signatures and garbage', () => {
    const byOther = signJwt({ sid: 'sess_1' }, other.privateKey, 'ins_other');
    expect(signedSessionId(byOther, [current.published])).toBeNull();
    // Signed by another key but claiming the published kid.
    const forged = signJwt({ sid: 'sess_1' }, other.privateKey, 'ins_current');
    expect(signedSessionId(forged, [current.published])).toBeNull();
    const [h, , s] = signJwt({ sid: 'sess_1' }, current.privateKey, 'ins_current').split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ sid: 'sess_2' })).toString('base64url')}.${s}`;
    expect(signedSessionId(tampered, [current.published])).toBeNull();
    for (const garbage of ['', 'a.b', 'a.b.c', '%%%.%%%.%%%'])
      expect(signedSessionId(garbage, [current.published])).toBeNull();
  });
});
