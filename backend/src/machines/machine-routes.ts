/**
 * Machines (`/machines`): create, get, list, update, delete, their secret key (read and rotate) and the scopes that
 * say which machines a machine may call. All with the instance secret key.
 */
import type { BackendContext } from '../context.js';
import { ApiError, notFound, paramInvalid } from '../http/api-error.js';
import { optionalInteger, optionalStringArray, queryInteger, requiredString } from '../http/params.js';
import { json, paginated } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { newId } from '../store/ids.js';
import type { Transaction } from '../store/store.js';
import { hashSecret } from './hash-secret.js';
import { generateOpaqueSecret } from './opaque-secret.js';
import {
  DEFAULT_MACHINE_TOKEN_TTL,
  MACHINE_ID_PREFIX,
  MACHINE_SECRET_KEYS,
  MACHINES,
  type MachineRecord,
  type MachineSecretKeyIndex,
} from './records.js';
import { instanceIdFor, machineJSON, machineScopeJSON, machineSecretKeyJSON } from './resource-json.js';

/** Clerk's cap on how many machines one machine may be scoped to. */
const MAX_SCOPES = 150;

export interface NewMachine {
  name: string;
  scopedMachineIds?: readonly string[];
  defaultTokenTtl?: number;
}

/** Writes a new machine and the index of its secret key; throws (writing nothing) on an unknown scoped machine. */
export function insertMachine(tx: Transaction, input: NewMachine, nowMs: number): MachineRecord {
  const scoped = [...new Set(input.scopedMachineIds ?? [])];
  if (scoped.length > MAX_SCOPES) throw paramInvalid('scoped_machines', `at most ${MAX_SCOPES} machines`);
  for (const id of scoped) {
    if (!tx.get<MachineRecord>(MACHINES, id)) throw paramInvalid('scoped_machines', `no machine ${id}`);
  }
  const machine: MachineRecord = {
    id: newId(MACHINE_ID_PREFIX),
    name: input.name,
    default_token_ttl: input.defaultTokenTtl ?? DEFAULT_MACHINE_TOKEN_TTL,
    scoped_machine_ids: scoped,
    secret_key: generateOpaqueSecret('ak_'),
    created_at: nowMs,
    updated_at: nowMs,
  };
  tx.put(MACHINES, machine);
  tx.put<MachineSecretKeyIndex>(MACHINE_SECRET_KEYS, {
    id: hashSecret(machine.secret_key),
    machine_id: machine.id,
    expires_at: null,
  });
  return machine;
}

function requireMachine(tx: { get: Transaction['get'] }, id: string): MachineRecord {
  const machine = tx.get<MachineRecord>(MACHINES, id);
  if (!machine) throw notFound('machine');
  return machine;
}

function machineName(body: Record<string, unknown>): string {
  const name = requiredString(body, 'name').trim();
  if (name === '') throw paramInvalid('name', 'must not be blank');
  if (name.length > 200) throw paramInvalid('name', 'at most 200 characters');
  return name;
}

type OrderField = 'name' | 'created_at';

function listOrder(query: URLSearchParams): { field: OrderField; descending: boolean } {
  const raw = query.get('order_by') ?? '-created_at';
  const descending = raw.startsWith('-');
  const field = raw.replace(/^[+-]/, '');
  if (field !== 'name' && field !== 'created_at')
    throw paramInvalid('order_by', 'expected name or created_at, optionally signed');
  return { field, descending };
}

export function registerMachineRoutes(router: Router, ctx: BackendContext): void {
  const instanceId = () => instanceIdFor(ctx.publishableKey);

  router.post('/machines', async (c) => {
    const body = await c.body();
    const input: NewMachine = {
      name: machineName(body),
      scopedMachineIds: optionalStringArray(body, 'scoped_machines') ?? [],
    };
    const ttl = optionalInteger(body, 'default_token_ttl', 1);
    if (ttl !== undefined) input.defaultTokenTtl = ttl;
    const machine = await ctx.store.transact((tx) => insertMachine(tx, input, ctx.clock()));
    return json(machineJSON(machine, ctx.store, instanceId(), { withSecretKey: true }));
  });

  router.get('/machines', (c) => {
    const limit = queryInteger(c.url.searchParams, 'limit', 10, 1, 500);
    const offset = queryInteger(c.url.searchParams, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const { field, descending } = listOrder(c.url.searchParams);
    const query = (c.url.searchParams.get('query') ?? '').toLowerCase();
    const all = ctx.store
      .list<MachineRecord>(MACHINES)
      .filter((m) => query === '' || m.name.toLowerCase().includes(query) || m.id.toLowerCase().includes(query))
      .sort((a, b) => {
        const order = field === 'name' ? a.name.localeCompare(b.name) : a.created_at - b.created_at;
        return descending ? -order : order;
      });
    const page = all.slice(offset, offset + limit).map((m) => machineJSON(m, ctx.store, instanceId()));
    return paginated(page, all.length);
  });

  router.get('/machines/{machine_id}', (c) => {
    return json(machineJSON(requireMachine(ctx.store, c.param('machine_id')), ctx.store, instanceId()));
  });

  router.patch('/machines/{machine_id}', async (c) => {
    const body = await c.body();
    const name = body.name === undefined || body.name === null ? undefined : machineName(body);
    const ttl = optionalInteger(body, 'default_token_ttl', 1);
    const machine = await ctx.store.transact((tx) => {
      const current = requireMachine(tx, c.param('machine_id'));
      const next: MachineRecord = {
        ...current,
        name: name ?? current.name,
        default_token_ttl: ttl ?? current.default_token_ttl,
        updated_at: ctx.clock(),
      };
      tx.put(MACHINES, next);
      return next;
    });
    return json(machineJSON(machine, ctx.store, instanceId()));
  });

  router.delete('/machines/{machine_id}', async (c) => {
    const id = c.param('machine_id');
    await ctx.store.transact((tx) => {
      requireMachine(tx, id);
      tx.delete(MACHINES, id);
      for (const key of tx.list<MachineSecretKeyIndex>(MACHINE_SECRET_KEYS)) {
        if (key.machine_id === id) tx.delete(MACHINE_SECRET_KEYS, key.id);
      }
      // Nobody may keep calling a machine that no longer exists.
      for (const other of tx.list<MachineRecord>(MACHINES)) {
        if (other.scoped_machine_ids.includes(id)) {
          tx.put(MACHINES, { ...other, scoped_machine_ids: other.scoped_machine_ids.filter((s) => s !== id) });
        }
      }
    });
    return json({ object: 'machine', id, deleted: true });
  });

  router.get('/machines/{machine_id}/secret_key', (c) => {
    return json(machineSecretKeyJSON(requireMachine(ctx.store, c.param('machine_id')).secret_key));
  });

  router.post('/machines/{machine_id}/secret_key/rotate', async (c) => {
    const body = await c.body();
    const previousTtl = optionalInteger(body, 'previous_token_ttl', 0);
    if (previousTtl === undefined)
      throw new ApiError(400, 'form_param_missing', 'previous_token_ttl must be included.', {
        meta: { param_name: 'previous_token_ttl' },
      });
    const machine = await ctx.store.transact((tx) => {
      const current = requireMachine(tx, c.param('machine_id'));
      const now = ctx.clock();
      const oldHash = hashSecret(current.secret_key);
      // The old key keeps working for previous_token_ttl seconds, so callers can roll over without downtime.
      if (previousTtl > 0)
        tx.put<MachineSecretKeyIndex>(MACHINE_SECRET_KEYS, {
          id: oldHash,
          machine_id: current.id,
          expires_at: now + previousTtl * 1000,
        });
      else tx.delete(MACHINE_SECRET_KEYS, oldHash);
      const next: MachineRecord = { ...current, secret_key: generateOpaqueSecret('ak_'), updated_at: now };
      tx.put(MACHINES, next);
      tx.put<MachineSecretKeyIndex>(MACHINE_SECRET_KEYS, {
        id: hashSecret(next.secret_key),
        machine_id: next.id,
        expires_at: null,
      });
      return next;
    });
    return json(machineSecretKeyJSON(machine.secret_key));
  });

  router.post('/machines/{machine_id}/scopes', async (c) => {
    const body = await c.body();
    const toMachineId = requiredString(body, 'to_machine_id');
    const now = ctx.clock();
    await ctx.store.transact((tx) => {
      const from = requireMachine(tx, c.param('machine_id'));
      if (!tx.get<MachineRecord>(MACHINES, toMachineId)) throw notFound('machine');
      if (from.scoped_machine_ids.includes(toMachineId)) return;
      if (from.scoped_machine_ids.length >= MAX_SCOPES)
        throw paramInvalid('to_machine_id', `a machine has at most ${MAX_SCOPES} scopes`);
      tx.put(MACHINES, { ...from, scoped_machine_ids: [...from.scoped_machine_ids, toMachineId], updated_at: now });
    });
    return json(machineScopeJSON(c.param('machine_id'), toMachineId, now));
  });

  router.delete('/machines/{machine_id}/scopes/{other_machine_id}', async (c) => {
    const fromId = c.param('machine_id');
    const toId = c.param('other_machine_id');
    await ctx.store.transact((tx) => {
      const from = requireMachine(tx, fromId);
      if (!from.scoped_machine_ids.includes(toId)) throw notFound('machine scope');
      tx.put(MACHINES, {
        ...from,
        scoped_machine_ids: from.scoped_machine_ids.filter((s) => s !== toId),
        updated_at: ctx.clock(),
      });
    });
    return json({ object: 'machine_scope', from_machine_id: fromId, to_machine_id: toId, deleted: true });
  });
}
