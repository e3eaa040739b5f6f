import type * as NodeCrypto from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { isAscii } from './base64url.js';
import { DIGESTS, type JwsAlgorithm } from './jws-algorithms.js';
import { type ScratchBuffer, scratchBuffer } from './scratch-buffer.js';

/**
 * Checks one RS256/384/512 signature over a signing input; false for any
 * invalid signature, and for a signing input that is not ASCII (a JWS signing
 * input is base64url: another string could only be a rewritten token).
 */
export type SignatureCheck = (alg: JwsAlgorithm, signingInput: string, signature: Uint8Array) => boolean;

/**
 * EMSA-PKCS1-v1_5's encoding up to the hash, for a k-byte modulus:
 * `00 01 FF…FF 00 DigestInfo` (RFC 8017 §9.2, step 5).
 */
function encodingPrefix(alg: JwsAlgorithm, k: number): Uint8Array {
  const { digestInfo, bytes } = DIGESTS[alg];
  const prefix = new Uint8Array(k - bytes).fill(0xff);
  const infoStart = prefix.length - digestInfo.length;
  prefix[0] = 0x00;
  prefix[1] = 0x01;
  prefix[infoStart - 1] = 0x00;
  prefix.set(digestInfo, infoStart);
  return prefix;
}

export interface RsaPkcs1Check {
  /** `encode-and-compare` where the platform allows it; `digest-verify` (crypto.verify) otherwise. */
  readonly strategy: 'encode-and-compare' | 'digest-verify';
  readonly check: SignatureCheck;
}

/**
 * RSASSA-PKCS1-v1_5 verification with node:crypto, in one of two ways with the
 * same verdicts (a differential test holds them equal):
 * - encode-and-compare, as RFC 8017 §8.2.2 states it: the signature is exactly
 *   k bytes, the RSA public operation (RSAVP1, `publicDecrypt` without padding)
 *   turns it into the encoded message, which must equal, byte for byte, the
 *   encoding of the signing input's hash. crypto.verify sets up an OpenSSL
 *   digest-verify context per call; this sets up only the RSA operation, which
 *   makes a cold verifyToken cheaper (docs/performance.md).
 * - digest-verify: crypto.verify, where the padding-free RSA operation or
 *   one-shot hashing is not available (a FIPS build may refuse the former).
 */
export function rsaPkcs1Check(crypto: typeof NodeCrypto, key: KeyObject, modulusBits: number): RsaPkcs1Check {
  const check = encodeAndCompare(crypto, key, Math.ceil(modulusBits / 8));
  return check
    ? { strategy: 'encode-and-compare', check }
    : { strategy: 'digest-verify', check: digestVerify(crypto, key) };
}

function encodeAndCompare(crypto: typeof NodeCrypto, key: KeyObject, k: number): SignatureCheck | null {
  const { publicDecrypt, hash, constants } = crypto;
  if (typeof publicDecrypt !== 'function' || typeof hash !== 'function') return null;
  const rsa = { key, padding: constants.RSA_NO_PADDING };
  // Probe once: 1^e mod n is 1 for every RSA key.
  try {
    const one = new Uint8Array(k);
    one[k - 1] = 1;
    if (!publicDecrypt(rsa, one).equals(one)) return null;
  } catch {
    return null;
  }
  const prefixes: Record<JwsAlgorithm, Uint8Array> = {
    RS256: encodingPrefix('RS256', k),
    RS384: encodingPrefix('RS384', k),
    RS512: encodingPrefix('RS512', k),
  };
  return (alg, signingInput, signature) => {
    if (signature.length !== k || !isAscii(signingInput)) return false;
    let encoded: ReturnType<typeof publicDecrypt>;
    try {
      encoded = publicDecrypt(rsa, signature);
    } catch {
      return false; // the signature, as a number, is not below the modulus
    }
    const prefix = prefixes[alg];
    const split = prefix.length;
    if (encoded.length !== k || encoded.compare(prefix, 0, split, 0, split) !== 0) return false;
    // Both sides as latin1 text (one character per byte; 'binary' is its other name): no Buffer per token. The
    // (ASCII) signing input is hashed as UTF-8, byte for byte what the signer hashed.
    return encoded.toString('latin1', split, k) === hash(DIGESTS[alg].node, signingInput, 'binary');
  };
}

function digestVerify(crypto: typeof NodeCrypto, key: KeyObject): SignatureCheck {
  const verify = crypto.verify;
  return (alg, signingInput, signature) => {
    // PKCS#1 v1.5 is the default padding for an "rsa" KeyObject: exactly RSASSA-PKCS1-v1_5.
    if (!isAscii(signingInput)) return false;
    try {
      // crypto.verify is synchronous and keeps no reference: the scratch buffer serves (see scratch-buffer.ts).
      // As UTF-8, which for ASCII is one byte per character (latin1 would read U+0144 as the byte 0x44).
      const scratch = scratchBuffer(signingInput.length) as ScratchBuffer;
      const length = scratch.write(signingInput, 0, 'utf8');
      return verify(DIGESTS[alg].node, scratch.subarray(0, length), key, signature);
    } catch {
      return false;
    }
  };
}
