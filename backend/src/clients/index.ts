/** Clients, dev browsers and the handshake: the Frontend API side of Clerk's session protocol. */
import type { ResourceModule } from '../resource-module.js';
import { registerClientRoutes } from './client-routes.js';
import { frontendTokenSeconds } from './token-lifetime.js';

export const clientsModule: ResourceModule = {
  name: 'clients',
  registerRoutes(router, ctx) {
    registerClientRoutes(router, ctx, { tokenLifetimeSeconds: frontendTokenSeconds() });
  },
};
