// What the verifyToken benchmarks share: realistic v2 session tokens from one RSA-2048 key, and the two reference
// verifiers every authlens path is compared with.
import { generateKeyPairSync, sign, verify } from 'node:crypto';

export const AUTHORIZED_PARTY = 'http://localhost:3000';

/** A fresh RSA-2048 issuer: its PEM public key, its KeyObject, and `mint(i)` for the i-th distinct token. */
export function createIssuer() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = b64({ alg: 'RS256', kid: 'ins_bench', typ: 'JWT', cat: 'cl_B7d4PD111AAA' });
  const now = Math.floor(Date.now() / 1000);
  /** A realistic v2 session token; `i` makes each one distinct. */
  const mint = (i) => {
    const payload = b64({
      azp: AUTHORIZED_PARTY,
      exp: now + 3600,
      fva: [1, -1],
      iat: now,
      iss: 'https://bench.clerk.accounts.dev',
      jti: `bench${i}`,
      nbf: now - 10,
      o: { id: 'org_2bench', rol: 'admin', slg: 'acme', per: 'read,manage', fpm: '3,1' },
      fea: 'o:team,o:billing,u:profile',
      sid: `sess_2bench${i}`,
      sts: 'active',
      sub: 'user_2bench',
      v: 2,
    });
    const input = `${header}.${payload}`;
    return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
  };
  return { pem, publicKey, mint };
}

/** RS256 over the signing input (the token up to `dot`) with the decoded signature after it. */
function signatureValid(token, dot, publicKey) {
  return verify(
    'sha256',
    Buffer.from(token.slice(0, dot), 'latin1'),
    publicKey,
    Buffer.from(token.slice(dot + 1), 'base64url'),
  );
}

/**
 * The baseline: raw node:crypto RS256 verification of the token, the least any
 * verifier must do: split at the last dot, decode the signature, and
 * crypto.verify the signing input with an already imported key object.
 */
export function rawVerify(token, publicKey) {
  if (!signatureValid(token, token.lastIndexOf('.'), publicKey)) throw new Error('baseline failed to verify');
}

/**
 * For reference only: the least a verifier that returns claims must add to the
 * baseline: base64url-decode and JSON.parse the payload, check `exp` and `azp`.
 */
export function floorVerify(token, publicKey) {
  const first = token.indexOf('.');
  const dot = token.lastIndexOf('.');
  const ok = signatureValid(token, dot, publicKey);
  const claims = JSON.parse(Buffer.from(token.slice(first + 1, dot), 'base64url').toString('utf8'));
  if (!ok || claims.exp * 1000 <= Date.now() || claims.azp !== AUTHORIZED_PARTY) {
    throw new Error('floor verifier failed');
  }
}
