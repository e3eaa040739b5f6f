import type { BackendContext } from '../context.js';
import { paramInvalid } from '../http/api-error.js';
import type { Transaction } from '../store/store.js';
import { insertMachine } from './machine-routes.js';
import { MACHINES, type MachineRecord } from './records.js';

/** The demo seed's M2M machine; its secret key is readable through `GET /v1/machines/{id}/secret_key`. */
export const DEMO_MACHINE_NAME = 'demo-worker';

export function seedDemoMachines(tx: Transaction, ctx: BackendContext): void {
  if (tx.list<MachineRecord>(MACHINES).some((m) => m.name === DEMO_MACHINE_NAME)) return;
  insertMachine(tx, { name: DEMO_MACHINE_NAME }, ctx.clock());
}

/**
 * A seed file's `machines` section: `[{ name, default_token_ttl?, scoped_machines?: [names of machines listed
 * before it] }]`. Scopes by name, since ids are only known once created.
 */
export function seedMachinesFromFile(
  tx: Transaction,
  seed: Readonly<Record<string, unknown>>,
  ctx: BackendContext,
): void {
  const section = seed.machines;
  if (section === undefined) return;
  if (!Array.isArray(section)) throw paramInvalid('machines', 'expected an array');
  const byName = new Map(tx.list<MachineRecord>(MACHINES).map((m) => [m.name, m.id]));
  section.forEach((entry, i) => {
    const where = `machines[${i}]`;
    if (typeof entry !== 'object' || entry === null) throw paramInvalid(where, 'expected an object');
    const { name, default_token_ttl: ttl, scoped_machines: scoped } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || name.trim() === '') throw paramInvalid(`${where}.name`, 'expected a name');
    if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1)) {
      throw paramInvalid(`${where}.default_token_ttl`, 'expected a positive integer');
    }
    if (scoped !== undefined && (!Array.isArray(scoped) || !scoped.every((s) => typeof s === 'string'))) {
      throw paramInvalid(`${where}.scoped_machines`, 'expected machine names');
    }
    const scopedIds = ((scoped as string[] | undefined) ?? []).map((n) => {
      const id = byName.get(n);
      if (!id) throw paramInvalid(`${where}.scoped_machines`, `no machine named ${n} before this one`);
      return id;
    });
    const machine = insertMachine(
      tx,
      { name, scopedMachineIds: scopedIds, ...(ttl !== undefined ? { defaultTokenTtl: ttl as number } : {}) },
      ctx.clock(),
    );
    byName.set(name, machine.id);
  });
}
