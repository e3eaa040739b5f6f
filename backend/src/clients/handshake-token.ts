import type { BackendContext } from '../context.js';
import { JWT_CATEGORY_SESSION_TOKEN } from '../keys/jwt-category.js';
import { signJwt } from '../keys/sign-jwt.js';

/**
 * The token format of the handshake (`__clerk_handshake`): a JWT signed like a session token (same key, `kid` and
 * category) whose `handshake` claim lists the directives.
 */
export function signHandshakeToken(ctx: BackendContext, directives: readonly string[]): Promise<string> {
  const iat = Math.floor(ctx.clock() / 1000);
  return signJwt({ handshake: directives, iat, exp: iat + 60 }, ctx.keys.current(), {
    cat: JWT_CATEGORY_SESSION_TOKEN,
  });
}
