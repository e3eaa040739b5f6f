/**
 * Every resource folder of the server, in seed order (a resource's seed may refer to records of earlier ones).
 * To add a resource: export a `ResourceModule` from its folder and list it here.
 */
import { registerAdminRoutes } from './admin/routes.js';
import { registerBillingRoutes } from './billing/billing-routes.js';
import { clientsModule } from './clients/index.js';
import { emailAddressesModule } from './email-addresses/email-address-routes.js';
import { registerJwtTemplateRoutes } from './jwt-templates/template-routes.js';
import { registerJwksRoutes } from './keys/routes.js';
import { machinesModule } from './machines/index.js';
import { registerOrganizationRoutes } from './organizations/organization-routes.js';
import type { ResourceModule } from './resource-module.js';
import { reverificationModule } from './reverification/index.js';
import { registerRoleRoutes } from './roles/role-routes.js';
import { ensureDefaultRoles } from './roles/write-roles.js';
import { seedDemo } from './seed/demo-seed.js';
import { seedFromFile } from './seed/seed-file.js';
import { registerSessionRoutes } from './sessions/session-routes.js';
import { signInModule } from './sign-in/index.js';
import { registerUserRoutes } from './users/user-routes.js';

export const resources: readonly ResourceModule[] = [
  { name: 'jwks', registerRoutes: registerJwksRoutes },
  { name: 'admin', registerRoutes: registerAdminRoutes },
  { name: 'roles', registerRoutes: registerRoleRoutes, initialize: (tx, ctx) => ensureDefaultRoles(tx, ctx.clock()) },
  { name: 'users', registerRoutes: registerUserRoutes },
  emailAddressesModule,
  { name: 'organizations', registerRoutes: registerOrganizationRoutes },
  { name: 'billing', registerRoutes: registerBillingRoutes },
  { name: 'sessions', registerRoutes: registerSessionRoutes },
  { name: 'jwt-templates', registerRoutes: registerJwtTemplateRoutes },
  // Clients and the handshake (the Frontend API side of sessions).
  clientsModule,
  // The core demo data and seed-file sections; later modules (machines) add theirs after it.
  { name: 'core-seed', registerRoutes: () => {}, seedDemo, seedFile: seedFromFile },
  // Machine auth (its demo machine comes after the core seed) and the dev sign-in pages.
  machinesModule,
  signInModule,
  reverificationModule,
];
