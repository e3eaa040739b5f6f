/** The re-verify page (reverification of a signed-in session). */
import type { ResourceModule } from '../resource-module.js';
import { DEFAULT_SIGN_IN_TOKEN_SECONDS } from '../sign-in/index.js';
import { registerReverifyRoutes } from './reverify-routes.js';

export { DEV_VERIFICATION_CODE } from './dev-verification-code.js';

/** The token set after re-verifying lives as long as the sign-in page's: `AUTHLENS_SIGN_IN_TOKEN_SECONDS` or its default. */
function tokenLifetimeSeconds(): number {
  const raw = process.env.AUTHLENS_SIGN_IN_TOKEN_SECONDS;
  return raw && /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : DEFAULT_SIGN_IN_TOKEN_SECONDS;
}

export const reverificationModule: ResourceModule = {
  name: 'reverification',
  registerRoutes(router, ctx) {
    registerReverifyRoutes(router, ctx, { tokenLifetimeSeconds: tokenLifetimeSeconds() });
  },
};
