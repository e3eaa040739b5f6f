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
  /** The hash's DER DigestInfo prefix, hex (RFC 8017 §9.2, note 1). */
  readonly digestInfo: string;
}

/** Each algorithm's hash. */
export const DIGESTS: Record<JwsAlgorithm, DigestOf> = {
  RS256: { node: 'sha256', web: 'SHA-256', bytes: 32, digestInfo: '3031300d060960864801650304020105000420' },
  RS384: { node: 'sha384', web: 'SHA-384', bytes: 48, digestInfo: '3041300d060960864801650304020205000430' },
  RS512: { node: 'sha512', web: 'SHA-512', bytes: 64, digestInfo: '3051300d060960864801650304020305000440' },
};
