import type { BackendContext } from './context.js';
import type { Router } from './http/router.js';
import type { Transaction } from './store/store.js';

/**
 * How a resource folder plugs into the server: it registers its routes, and may contribute records to the demo seed
 * and read its own section of a seed file. Seeds run in one transaction, in the order of `resources.ts`.
 */
export interface ResourceModule {
  readonly name: string;
  registerRoutes(router: Router, ctx: BackendContext): void;
  /** Runs at every start, in one transaction with the other modules' (e.g. creating default records). */
  initialize?(tx: Transaction, ctx: BackendContext): void;
  /** Adds this resource's demo records (`--seed demo`). */
  seedDemo?(tx: Transaction, ctx: BackendContext): void;
  /** Adds records from a seed file (`--seed <file>`); `seed` is the parsed JSON file. */
  seedFile?(tx: Transaction, seed: Readonly<Record<string, unknown>>, ctx: BackendContext): void;
}
