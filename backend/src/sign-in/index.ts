/** The dev sign-in, sign-up and sign-out pages. */
import type { ResourceModule } from '../resource-module.js';
import { coreSessionIssuer } from './core-session-issuer.js';
import { registerSignInRoutes } from './sign-in-routes.js';

export { DEFAULT_SIGN_IN_TOKEN_SECONDS } from './sign-in-routes.js';

/**
 * The cookie token's lifetime can be set with `AUTHLENS_SIGN_IN_TOKEN_SECONDS` (the CLI inherits it) or per
 * sign-in with the form field `token_lifetime_seconds`.
 */
function lifetimeFromEnvironment(): number | undefined {
  const raw = process.env.AUTHLENS_SIGN_IN_TOKEN_SECONDS;
  if (!raw) return undefined;
  const value = Number(raw);
  return /^\d+$/.test(raw) && value >= 1 ? value : undefined;
}

export const signInModule: ResourceModule = {
  name: 'sign-in',
  registerRoutes(router, ctx) {
    const tokenLifetimeSeconds = lifetimeFromEnvironment();
    registerSignInRoutes(router, ctx, coreSessionIssuer(ctx), tokenLifetimeSeconds ? { tokenLifetimeSeconds } : {});
  },
};
