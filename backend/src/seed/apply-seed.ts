import type { BackendContext } from '../context.js';
import { resources } from '../resources.js';

const SEEDS = 'seeds';

/**
 * Applies a seed once per data dir (remembered under `marker`), every resource module contributing in one
 * transaction: a seed either lands whole or not at all. Returns whether it was applied now.
 */
export async function applySeed(
  ctx: BackendContext,
  marker: string,
  seed: 'demo' | Readonly<Record<string, unknown>>,
): Promise<boolean> {
  if (ctx.store.get(SEEDS, marker)) return false;
  return ctx.store.transact((tx) => {
    if (tx.get(SEEDS, marker)) return false;
    for (const resource of resources) {
      if (seed === 'demo') resource.seedDemo?.(tx, ctx);
      else resource.seedFile?.(tx, seed, ctx);
    }
    tx.put(SEEDS, { id: marker, applied_at: ctx.clock() });
    return true;
  });
}
