import type { BackendContext } from '../context.js';
import { json } from '../http/respond.js';
import type { Router } from '../http/router.js';

/** `GET /v1/jwks` (and `/jwks`): public, never rate limited. */
export function registerJwksRoutes(router: Router, ctx: BackendContext): void {
  router.get('/jwks', () => json({ keys: ctx.keys.published() }), { access: 'public' });
}
