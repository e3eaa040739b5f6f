import { unsignedBigEndian } from './rsa-key-strength.js';

/** What decides an RSA public key's strength. */
export interface RsaPublicKeyFacts {
  modulusBits: number;
  publicExponent: number;
}

// DER of the rsaEncryption algorithm identifier's OID, 1.2.840.113549.1.1.1.
const RSA_ENCRYPTION_OID = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

interface Der {
  tag: number;
  start: number;
  end: number;
}

/** The DER element at `at` (definite lengths only), or null when the bytes are not one. */
function element(bytes: Uint8Array, at: number, limit: number): Der | null {
  if (at + 2 > limit) return null;
  const tag = bytes[at]!;
  let length = bytes[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i]!;
    start += count;
  }
  const end = start + length;
  return end <= limit ? { tag, start, end } : null;
}

/** `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` (RFC 8017 A.1.1). */
function rsaPublicKey(bytes: Uint8Array, at: number, limit: number): RsaPublicKeyFacts | null {
  const sequence = element(bytes, at, limit);
  if (sequence?.tag !== 0x30) return null;
  const modulus = element(bytes, sequence.start, sequence.end);
  if (modulus?.tag !== 0x02) return null;
  const exponent = element(bytes, modulus.end, sequence.end);
  if (exponent?.tag !== 0x02) return null;
  let first = modulus.start;
  while (first < modulus.end && bytes[first] === 0) first++;
  if (first === modulus.end) return { modulusBits: 0, publicExponent: 0 };
  const modulusBits = (modulus.end - first - 1) * 8 + (32 - Math.clz32(bytes[first]!));
  return { modulusBits, publicExponent: unsignedBigEndian(bytes.subarray(exponent.start, exponent.end)) };
}

/** `SubjectPublicKeyInfo` (RFC 5280 4.1) holding an rsaEncryption key; null for any other key or bytes. */
function spkiRsaPublicKey(bytes: Uint8Array): RsaPublicKeyFacts | null {
  const spki = element(bytes, 0, bytes.length);
  if (spki?.tag !== 0x30) return null;
  const algorithm = element(bytes, spki.start, spki.end);
  if (algorithm?.tag !== 0x30) return null;
  const oid = element(bytes, algorithm.start, algorithm.end);
  if (oid?.tag !== 0x06 || oid.end - oid.start !== RSA_ENCRYPTION_OID.length) return null;
  if (RSA_ENCRYPTION_OID.some((byte, i) => bytes[oid.start + i] !== byte)) return null;
  const key = element(bytes, algorithm.end, spki.end);
  // A BIT STRING whose first content byte (the count of unused bits) is 0.
  if (key?.tag !== 0x03 || bytes[key.start] !== 0) return null;
  return rsaPublicKey(bytes, key.start + 1, key.end);
}

function base64ToBytes(body: string): Uint8Array | null {
  try {
    const binary = atob(body);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/**
 * The modulus size and public exponent of the RSA public key in a PEM
 * (`PUBLIC KEY`, SPKI, as `CLERK_JWT_KEY` holds it; or PKCS#1 `RSA PUBLIC
 * KEY`), read synchronously and alike on every runtime. Null when the PEM
 * holds no RSA public key this can read: the key import then judges it.
 */
export function readRsaPublicKey(pem: string): RsaPublicKeyFacts | null {
  const text = pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
  const match = /-----BEGIN (RSA )?PUBLIC KEY-----([\s\S]+?)-----END \1PUBLIC KEY-----/.exec(text);
  if (!match) return null;
  const bytes = base64ToBytes(match[2]!.replace(/\s+/g, ''));
  if (!bytes) return null;
  return match[1] ? rsaPublicKey(bytes, 0, bytes.length) : spkiRsaPublicKey(bytes);
}
