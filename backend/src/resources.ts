/**
 * Every resource folder of the server, in seed order (a resource's seed may refer to records of earlier ones).
 * To add a resource: export a `ResourceModule` from its folder and list it here.
 */
import { registerAdminRoutes } from './admin/routes.js';
import { registerJwksRoutes } from './keys/routes.js';
import { machinesModule } from './machines/index.js';
import type { ResourceModule } from './resource-module.js';

export const resources: readonly ResourceModule[] = [
  { name: 'jwks', registerRoutes: registerJwksRoutes },
  { name: 'admin', registerRoutes: registerAdminRoutes },
  // After users and organizations: API keys and OAuth tokens belong to them.
  machinesModule,
];
