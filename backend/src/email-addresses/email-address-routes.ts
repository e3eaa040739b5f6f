import type { BackendContext } from '../context.js';
import { json } from '../http/respond.js';
import type { Router } from '../http/router.js';
import type { ResourceModule } from '../resource-module.js';
import { emailAddressJSON } from '../users/user-json.js';
import { addEmailAddress } from './add-email-address.js';
import { readEmailAddressInput } from './email-address-input.js';

function registerEmailAddressRoutes(router: Router, ctx: BackendContext): void {
  router.post('/email_addresses', async (c) => {
    const input = readEmailAddressInput(await c.body());
    const address = await ctx.store.transact((tx) => addEmailAddress(tx, input, ctx.clock()));
    return json(emailAddressJSON(address));
  });
}

/** `POST /v1/email_addresses`: addresses live on their user record (`users/`), so this module has no seed. */
export const emailAddressesModule: ResourceModule = {
  name: 'email-addresses',
  registerRoutes: registerEmailAddressRoutes,
};
