import type { BackendContext } from '../context.js';
import { unauthorized } from '../http/api-error.js';
import { sameSecret } from '../http/bearer.js';
import { hashSecret } from './hash-secret.js';
import { MACHINE_SECRET_KEYS, MACHINES, type MachineRecord, type MachineSecretKeyIndex } from './records.js';

/** Who called an M2M endpoint: the instance (its secret key) or one machine (its machine secret key). */
export type MachineCaller = { kind: 'instance' } | { kind: 'machine'; machine: MachineRecord };

/** The machine a machine secret key belongs to, if the key is current or rotated out but still in its grace period. */
export function machineForSecretKey(ctx: BackendContext, secret: string): MachineRecord | undefined {
  const index = ctx.store.get<MachineSecretKeyIndex>(MACHINE_SECRET_KEYS, hashSecret(secret));
  if (!index || (index.expires_at !== null && ctx.clock() >= index.expires_at)) return undefined;
  return ctx.store.get<MachineRecord>(MACHINES, index.machine_id);
}

/** Authenticates `Authorization: Bearer <instance secret key | machine secret key>`; 401 otherwise. */
export function authenticateMachineCaller(ctx: BackendContext, bearer: string | undefined): MachineCaller {
  if (bearer === undefined)
    throw unauthorized('Provide the instance secret key or a machine secret key as a Bearer token.');
  if (sameSecret(bearer, ctx.secretKey)) return { kind: 'instance' };
  const machine = machineForSecretKey(ctx, bearer);
  if (!machine)
    throw unauthorized('The provided secret key is not the instance secret key nor a valid machine secret key.');
  return { kind: 'machine', machine };
}
