import type { KeyObject } from 'node:crypto';
import { type CryptoKey, SignJWT } from 'jose';
import type { JwtCategory } from './jwt-category.js';
import { INSTANCE_SIGNING_ALGORITHM, type SigningAlgorithm } from './signing-algorithms.js';

export interface JwtSigner {
  readonly privateKey: KeyObject | CryptoKey | Uint8Array;
  /** Absent for a key no JWKS publishes (a JWT template's own key). */
  readonly kid?: string;
  readonly alg?: SigningAlgorithm;
}

/**
 * Signs a compact JWT with jose: header `{ alg, kid, typ, cat }` (`typ` `JWT` unless given; Clerk's `cat` when
 * given; `alg` the signer's, RS256 by default).
 */
export function signJwt(
  payload: Readonly<Record<string, unknown>>,
  signer: JwtSigner,
  header: { readonly cat?: JwtCategory; readonly typ?: string } = {},
): Promise<string> {
  return new SignJWT({ ...payload })
    .setProtectedHeader({
      alg: signer.alg ?? INSTANCE_SIGNING_ALGORITHM,
      ...(signer.kid !== undefined ? { kid: signer.kid } : {}),
      typ: header.typ ?? 'JWT',
      ...(header.cat ? { cat: header.cat } : {}),
    })
    .sign(signer.privateKey);
}
