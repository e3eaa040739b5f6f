import type { KeyObject } from 'node:crypto';
import { TokenVerificationError } from '../token-verification-error.js';
import { base64UrlToBytes, isAscii } from './base64url.js';
import { type CryptoRuntime, defaultCryptoRuntime, getNodeCrypto, getSubtleCrypto } from './crypto-runtime.js';
import { DIGESTS, isSupportedAlgorithm, type JwsAlgorithm } from './jws-algorithms.js';
import { rsaKeyWeakness, unsignedBigEndian } from './rsa-key-strength.js';
import { rsaPkcs1Check } from './rsa-pkcs1-check.js';

/**
 * A public key imported once, ready to check RS256/384/512 signatures. On Node
 * the check is synchronous (`node:crypto`); on Web Crypto it is a promise.
 */
export interface VerificationKey {
  readonly runtime: CryptoRuntime;
  /** The JWK's `alg` when it named one: tokens must then use exactly that algorithm. */
  readonly alg: JwsAlgorithm | null;
  verify(alg: JwsAlgorithm, signingInput: string, signature: Uint8Array): boolean | Promise<boolean>;
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
  };
}

function createWebKey(material: PublicKeyMaterial): VerificationKey {
  let alg: JwsAlgorithm | null = null;
  let importKey: (hash: string) => Promise<CryptoKey>;
  if ('pem' in material) {
    const spki = pemToSpki(normalisePem(material.pem));
    importKey = (hash) =>
      getSubtleCrypto().importKey('spki', spki as Uint8Array<ArrayBuffer>, { name: 'RSASSA-PKCS1-v1_5', hash }, false, [
        'verify',
      ]);
  } else {
    alg = checkJwkShape(material.jwk);
    const { kty, n, e } = material.jwk;
    importKey = (hash) =>
      getSubtleCrypto().importKey('jwk', { kty, n, e }, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
  }
  // Web Crypto binds the hash to the key: one import per algorithm, each once.
  const imported = new Map<JwsAlgorithm, Promise<CryptoKey>>();
  const keyFor = (tokenAlg: JwsAlgorithm): Promise<CryptoKey> => {
    let key = imported.get(tokenAlg);
    if (!key) {
      key = importKey(DIGESTS[tokenAlg].web).then(
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
  const encoder = new TextEncoder();
  return {
    runtime: 'web',
    alg,
    async verify(tokenAlg, signingInput, signature) {
      const key = await keyFor(tokenAlg);
      // As the node:crypto checks: a signing input is base64url, never anything else (rsa-pkcs1-check.ts).
      if (!isAscii(signingInput)) return false;
      return getSubtleCrypto().verify(
        'RSASSA-PKCS1-v1_5',
        key,
        signature as Uint8Array<ArrayBuffer>,
        encoder.encode(signingInput),
      );
    },
  };
}

/**
 * Imports a public key (PEM SPKI or RSA JWK) once. `runtime` defaults to
 * `node:crypto` on Node and Web Crypto elsewhere.
 */
export function createVerificationKey(material: PublicKeyMaterial, runtime?: CryptoRuntime): VerificationKey {
  return (runtime ?? defaultCryptoRuntime()) === 'node' ? createNodeKey(material) : createWebKey(material);
}
