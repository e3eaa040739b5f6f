/**
 * Verifies a `__clerk_handshake` token (the Frontend API's token-format answer) and returns its cookie directives.
 * It is signed by the instance's key, like session tokens: header type, algorithm, category are checked as
 * @clerk/backend checks them, the signature by jose; its lifetime is not (the session token inside is verified on
 * its own).
 */
import { compactVerify, errors as joseErrors } from 'jose';
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
  try {
    await compactVerify(token, await key.joseKey(alg), { algorithms: [alg] });
  } catch (error) {
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
      throw new TokenVerificationError('bad_signature', 'The handshake token signature is invalid.');
    }
    throw new TokenVerificationError('malformed', 'The handshake token is not a JWS jose accepts.', { cause: error });
  }
  const { handshake } = jws.payload;
  return Array.isArray(handshake) ? handshake.filter((d): d is string => typeof d === 'string') : [];
}
