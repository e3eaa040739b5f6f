import type { KeyObject } from 'node:crypto';
import { compactVerify, importJWK, importSPKI, errors as joseErrors } from 'jose';
import { TokenVerificationError } from '../token-verification-error.js';
import { base64UrlToBytes, bytesToBase64Url, isAscii } from './base64url.js';
import { type CryptoRuntime, defaultCryptoRuntime, getNodeCrypto } from './crypto-runtime.js';
import { isSupportedAlgorithm, type JwsAlgorithm } from './jws-algorithms.js';
import { rsaKeyWeakness, unsignedBigEndian } from './rsa-key-strength.js';
import { rsaPkcs1Check } from './rsa-pkcs1-check.js';

/**
 * A public key imported once, ready to check RS256/384/512 signatures. On Node
 * the check is synchronous (`node:crypto`, the session-token fast path); elsewhere
 * (the Edge runtime) jose checks it with Web Crypto, as a promise.
 */
export interface VerificationKey {
  readonly runtime: CryptoRuntime;
  /** The JWK's `alg` when it named one: tokens must then use exactly that algorithm. */
  readonly alg: JwsAlgorithm | null;
  verify(alg: JwsAlgorithm, signingInput: string, signature: Uint8Array): boolean | Promise<boolean>;
  /** The key as jose takes it, for tokens jose verifies whole (the handshake token). */
  joseKey(alg: JwsAlgorithm): KeyObject | Promise<CryptoKey>;
}

export type PublicKeyMaterial = { pem: string } | { jwk: JsonWebKey };

function invalidKey(message: string, cause?: unknown): TokenVerificationError {
  return new TokenVerificationError('invalid_key', message, cause === undefined ? undefined : { cause });
}

/** Env files often carry a PEM on one line with literal `\n`. */
function normalisePem(pem: string): string {
  return pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
}

function pemToSpki(pem: string): Uint8Array {
  const match = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(pem);
  if (!match) throw invalidKey('The key is not a PEM "PUBLIC KEY" (SPKI).');
  const body = match[1]!.replace(/\s+/g, '');
  try {
    return base64UrlToBytes(body.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  } catch (cause) {
    throw invalidKey('The PEM body is not valid base64.', cause);
  }
}

function checkJwkShape(jwk: JsonWebKey): JwsAlgorithm | null {
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') {
    throw invalidKey('The JWK is not an RSA public key.');
  }
  if (jwk.use !== undefined && jwk.use !== 'sig') throw invalidKey('The JWK is not meant for signatures.');
  if (jwk.alg === undefined) return null;
  if (!isSupportedAlgorithm(jwk.alg)) throw invalidKey('The JWK names an algorithm other than RS256/RS384/RS512.');
  return jwk.alg;
}

function createNodeKey(material: PublicKeyMaterial): VerificationKey {
  const crypto = getNodeCrypto();
  if (!crypto) throw invalidKey('node:crypto is not available in this runtime.');
  let alg: JwsAlgorithm | null = null;
  let keyObject: KeyObject;
  try {
    if ('pem' in material) {
      keyObject = crypto.createPublicKey(normalisePem(material.pem));
    } else {
      alg = checkJwkShape(material.jwk);
      const { kty, n, e } = material.jwk;
      keyObject = crypto.createPublicKey({ key: { kty, n, e } as any, format: 'jwk' });
    }
  } catch (cause) {
    if (cause instanceof TokenVerificationError) throw cause;
    throw invalidKey('The key could not be imported as a public key.', cause);
  }
  if (keyObject.type !== 'public' || keyObject.asymmetricKeyType !== 'rsa') {
    throw invalidKey('The key is not an RSA public key.');
  }
  const bits = keyObject.asymmetricKeyDetails?.modulusLength ?? 0;
  const weakness = rsaKeyWeakness(bits, keyObject.asymmetricKeyDetails?.publicExponent ?? 0);
  if (weakness) throw invalidKey(weakness);
  return {
    runtime: 'node',
    alg,
    verify: rsaPkcs1Check(crypto, keyObject, bits).check,
    joseKey: () => keyObject,
  };
}

function createWebKey(material: PublicKeyMaterial): VerificationKey {
  let alg: JwsAlgorithm | null = null;
  let importKey: (tokenAlg: JwsAlgorithm) => Promise<CryptoKey>;
  if ('pem' in material) {
    const pem = normalisePem(material.pem);
    pemToSpki(pem); // refuse a malformed PEM now, as the Node path does
    importKey = (tokenAlg) => importSPKI(pem, tokenAlg);
  } else {
    alg = checkJwkShape(material.jwk);
    const { kty, n, e } = material.jwk;
    importKey = (tokenAlg) => importJWK({ kty, n, e }, tokenAlg) as Promise<CryptoKey>;
  }
  // Web Crypto binds the hash to the key: one import per algorithm, each once.
  const imported = new Map<JwsAlgorithm, Promise<CryptoKey>>();
  const keyFor = (tokenAlg: JwsAlgorithm): Promise<CryptoKey> => {
    let key = imported.get(tokenAlg);
    if (!key) {
      key = importKey(tokenAlg).then(
        (k) => {
          const { modulusLength, publicExponent } = k.algorithm as RsaHashedKeyAlgorithm;
          const weakness = rsaKeyWeakness(modulusLength ?? 0, unsignedBigEndian(publicExponent ?? new Uint8Array()));
          if (weakness) throw invalidKey(weakness);
          return k;
        },
        (cause) => {
          throw cause instanceof TokenVerificationError
            ? cause
            : invalidKey('The key could not be imported as an RSA public key.', cause);
        },
      );
      imported.set(tokenAlg, key);
    }
    return key;
  };
  return {
    runtime: 'web',
    alg,
    async verify(tokenAlg, signingInput, signature) {
      const key = await keyFor(tokenAlg);
      // As the node:crypto checks: a signing input is base64url, never anything else (rsa-pkcs1-check.ts).
      if (!isAscii(signingInput)) return false;
      try {
        await compactVerify(`${signingInput}.${bytesToBase64Url(signature)}`, key, { algorithms: [tokenAlg] });
        return true;
      } catch (error) {
        if (error instanceof joseErrors.JWSSignatureVerificationFailed) return false;
        // jose reads the algorithm from the header: one other than `tokenAlg` is no valid `tokenAlg` signature.
        if (error instanceof joseErrors.JOSEAlgNotAllowed) return false;
        throw new TokenVerificationError('malformed', 'The token could not be verified as a JWS.', { cause: error });
      }
    },
    joseKey: keyFor,
  };
}

/**
 * Imports a public key (PEM SPKI or RSA JWK) once. `runtime` defaults to
 * `node:crypto` on Node and Web Crypto elsewhere.
 */
export function createVerificationKey(material: PublicKeyMaterial, runtime?: CryptoRuntime): VerificationKey {
  return (runtime ?? defaultCryptoRuntime()) === 'node' ? createNodeKey(material) : createWebKey(material);
}
