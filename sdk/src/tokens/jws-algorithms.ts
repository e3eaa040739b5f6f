/** The only algorithms a Clerk session token may use: RSASSA-PKCS1-v1_5 with SHA-2. */
export type JwsAlgorithm = 'RS256' | 'RS384' | 'RS512';

export function isSupportedAlgorithm(alg: unknown): alg is JwsAlgorithm {
  return alg === 'RS256' || alg === 'RS384' || alg === 'RS512';
}

export interface DigestOf {
  /** node:crypto's name for the hash. */
  readonly node: string;
  /** Web Crypto's name for the hash. */
  readonly web: string;
  readonly bytes: number;
  /** The hash's DER DigestInfo prefix (RFC 8017 §9.2, note 1). */
  readonly digestInfo: readonly number[];
}

/** Each algorithm's hash. */
export const DIGESTS: Record<JwsAlgorithm, DigestOf> = {
  RS256: {
    node: 'sha256',
    web: 'SHA-256',
    bytes: 32,
    digestInfo: [
      0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
    ],
  },
  RS384: {
    node: 'sha384',
    web: 'SHA-384',
    bytes: 48,
    digestInfo: [
      0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30,
    ],
  },
  RS512: {
    node: 'sha512',
    web: 'SHA-512',
    bytes: 64,
    digestInfo: [
      0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40,
    ],
  },
};
