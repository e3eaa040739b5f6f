/** The dev sign-in, sign-up and sign-out pages. */
import { frontendTokenSeconds } from '../clients/token-lifetime.js';
import type { ResourceModule } from '../resource-module.js';
import { coreSessionIssuer } from './core-session-issuer.js';
import { registerSignInRoutes } from './sign-in-routes.js';

export { DEFAULT_SIGN_IN_TOKEN_SECONDS } from './sign-in-routes.js';

export const signInModule: ResourceModule = {
  name: 'sign-in',
  registerRoutes(router, ctx) {
    // `AUTHLENS_SIGN_IN_TOKEN_SECONDS` (the CLI inherits it) or, per sign-in, the form field `token_lifetime_seconds`.
    registerSignInRoutes(router, ctx, coreSessionIssuer(ctx), { tokenLifetimeSeconds: frontendTokenSeconds() });
  },
};
