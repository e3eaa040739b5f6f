/**
 * The JWS algorithms the backend signs with (all that jose signs). The instance key is RS256, as Clerk's: session,
 * handshake and machine tokens use it. A JWT template with its own signing key may use any of these.
 */
export const SIGNING_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'HS256',
  'HS384',
  'HS512',
] as const;

export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** The instance key's algorithm, and a template's when it has no key of its own. */
export const INSTANCE_SIGNING_ALGORITHM = 'RS256' satisfies SigningAlgorithm;

export function isSigningAlgorithm(alg: unknown): alg is SigningAlgorithm {
  return (SIGNING_ALGORITHMS as readonly unknown[]).includes(alg);
}
