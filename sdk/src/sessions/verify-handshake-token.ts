/**
 * Verifies a `__clerk_handshake` token (the Frontend API's token-format answer) and returns its cookie directives.
 * It is signed by the instance's key, like session tokens: header type, algorithm, category and signature are
 * checked as @clerk/backend checks them; its lifetime is not (the session token inside is verified on its own).
 */
import {
  isNonSessionCategory,
  isSupportedAlgorithm,
  JWT_TYPES,
  type KeySource,
  parseCompactJws,
  TokenVerificationError,
} from '../tokens/index.js';

export async function verifyHandshakeToken(token: string, keys: KeySource): Promise<string[]> {
  const jws = parseCompactJws(token);
  const { alg, typ, kid, cat } = jws.header;
  if (typ !== undefined && !JWT_TYPES.includes(typ)) {
    throw new TokenVerificationError('wrong_token_type', 'The handshake token header "typ" is not JWT.');
  }
  if (!isSupportedAlgorithm(alg)) {
    throw new TokenVerificationError('unsupported_alg', 'The handshake token algorithm is not RS256, RS384 or RS512.');
  }
  if (isNonSessionCategory(cat)) {
    throw new TokenVerificationError('wrong_token_type', 'The handshake token is a Clerk JWT of another category.');
  }
  const key = await keys.resolveKey(kid);
  if (key.alg !== null && key.alg !== alg) {
    throw new TokenVerificationError('unsupported_alg', "The handshake token algorithm differs from its key's.");
  }
  if (!(await key.verify(alg, jws.signingInput, jws.signature))) {
    throw new TokenVerificationError('bad_signature', 'The handshake token signature is invalid.');
  }
  const { handshake } = jws.payload;
  return Array.isArray(handshake) ? handshake.filter((d): d is string => typeof d === 'string') : [];
}
