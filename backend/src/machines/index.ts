/** Machine auth: machines and their secret keys, M2M tokens, API keys, OAuth access tokens. */
import type { BackendContext } from '../context.js';
import type { Router } from '../http/router.js';
import type { ResourceModule } from '../resource-module.js';
import { registerApiKeyRoutes } from './api-key-routes.js';
import { seedDemoMachines, seedMachinesFromFile } from './demo-machines.js';
import { registerM2MTokenRoutes } from './m2m-token-routes.js';
import { registerMachineRoutes } from './machine-routes.js';
import { registerOAuthAccessTokenRoutes } from './oauth-access-token-routes.js';

export { DEMO_MACHINE_NAME } from './demo-machines.js';

export const machinesModule: ResourceModule = {
  name: 'machines',
  registerRoutes(router: Router, ctx: BackendContext) {
    registerMachineRoutes(router, ctx);
    registerM2MTokenRoutes(router, ctx);
    registerApiKeyRoutes(router, ctx);
    registerOAuthAccessTokenRoutes(router, ctx);
  },
  seedDemo: seedDemoMachines,
  seedFile: seedMachinesFromFile,
};
