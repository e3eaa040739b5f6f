/**
 * The least an RSA verification key must have: a 2048-bit modulus (smaller
 * ones are forgeable in practice; jose refuses them too) and a public exponent
 * of at least 65537 (small exponents such as 3 are what signature-forgery
 * attacks on lax PKCS#1 v1.5 verifiers exploit; Clerk's keys use 65537).
 * Hardening finding 10.
 */
export const MIN_RSA_MODULUS_BITS = 2048;
export const MIN_RSA_PUBLIC_EXPONENT = 65537;

/** Why an RSA public key is too weak to verify with, or null when it is strong enough. */
export function rsaKeyWeakness(modulusBits: number, publicExponent: number | bigint): string | null {
  if (!(modulusBits >= MIN_RSA_MODULUS_BITS)) return `The RSA key is shorter than ${MIN_RSA_MODULUS_BITS} bits.`;
  if (!(publicExponent >= MIN_RSA_PUBLIC_EXPONENT)) {
    return `The RSA key's public exponent is below ${MIN_RSA_PUBLIC_EXPONENT}.`;
  }
  return null;
}

/** A big-endian unsigned integer (Web Crypto's `publicExponent`, a DER INTEGER) as a number; huge ones as Infinity. */
export function unsignedBigEndian(bytes: Uint8Array): number {
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return value;
}
