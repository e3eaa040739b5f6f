/**
 * A seed file (`--seed <file>`): JSON with any of these sections, applied in this order in one transaction.
 *
 * ```json
 * {
 *   "permissions": [{ "key": "org:reports:read", "name": "Read reports" }],
 *   "roles": [{ "key": "org:viewer", "name": "Viewer", "permissions": ["org:reports:read"] }],
 *   "users": [{ "username": "dave", "email_address": ["dave@example.com"], "first_name": "Dave",
 *               "password": "…", "public_metadata": {}, "banned": false, "plans": [], "features": [] }],
 *   "organizations": [{ "name": "Globex", "slug": "globex", "plans": ["pro"], "features": ["reports"],
 *                       "members": [{ "username": "dave", "role": "org:viewer" }] }],
 *   "jwt_templates": [{ "name": "supabase", "claims": { "email": "{{user.primary_email_address}}" }, "lifetime": 60 }]
 * }
 * ```
 * A role whose key exists already (`org:admin`) gets the listed permissions instead of being created. Users take the
 * body of `POST /v1/users`; members name users by `username`, `email` or `user_id`.
 */
import type { BackendContext } from '../context.js';
import { ApiError, paramInvalid } from '../http/api-error.js';
import { findTemplate, JWT_TEMPLATES } from '../jwt-templates/template-record.js';
import { insertMembership, insertOrganization } from '../organizations/write-organization.js';
import { findRole } from '../roles/role-record.js';
import { definePermission, defineRole, ensurePermissions, setRolePermissions } from '../roles/write-roles.js';
import { newId } from '../store/ids.js';
import type { Transaction } from '../store/store.js';
import { hashPasswordSync } from '../users/password.js';
import { readUserInput } from '../users/user-input.js';
import { findUserByEmail, findUserByUsername, USERS, type UserRecord } from '../users/user-record.js';
import { insertUser } from '../users/write-user.js';

/** A seed file that cannot be applied; names the entry (`users[2].email_address`). */
export class SeedFileError extends Error {
  readonly code = 'ERR_SEED_FILE_INVALID';
  constructor(where: string, cause: unknown) {
    const detail =
      cause instanceof ApiError ? cause.longMessage : cause instanceof Error ? cause.message : String(cause);
    super(`Seed file: ${where}: ${detail}`, { cause });
    this.name = 'SeedFileError';
  }
}

type Entry = Record<string, unknown>;

function section(seed: Readonly<Record<string, unknown>>, name: string): Entry[] {
  const value = seed[name];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
    throw new SeedFileError(name, new Error('expected an array of objects'));
  }
  return value as Entry[];
}

function each(seed: Readonly<Record<string, unknown>>, name: string, fn: (entry: Entry) => void): void {
  section(seed, name).forEach((entry, i) => {
    try {
      fn(entry);
    } catch (error) {
      if (error instanceof SeedFileError) throw error;
      throw new SeedFileError(`${name}[${i}]`, error);
    }
  });
}

function str(entry: Entry, name: string): string {
  const v = entry[name];
  if (typeof v !== 'string' || v === '') throw paramInvalid(name, 'expected a non-empty string');
  return v;
}

function strings(entry: Entry, name: string): string[] {
  const v = entry[name] ?? [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
    throw paramInvalid(name, 'expected an array of strings');
  return v as string[];
}

export function seedFromFile(tx: Transaction, seed: Readonly<Record<string, unknown>>, ctx: BackendContext): void {
  const now = ctx.clock();
  each(seed, 'permissions', (p) => {
    const key = str(p, 'key');
    definePermission(tx, { key, ...(typeof p.name === 'string' ? { name: p.name } : {}) }, now);
  });
  each(seed, 'roles', (r) => {
    const key = str(r, 'key');
    const permissions = strings(r, 'permissions');
    ensurePermissions(tx, permissions, now);
    const existing = findRole(tx, key);
    if (existing) setRolePermissions(tx, existing, permissions, now);
    else defineRole(tx, { key, permissions, ...(typeof r.name === 'string' ? { name: r.name } : {}) }, now);
  });
  each(seed, 'users', (u) => {
    const input = readUserInput(u);
    insertUser(tx, input, now, input.password === undefined ? null : hashPasswordSync(input.password));
  });
  each(seed, 'organizations', (o) => {
    const org = insertOrganization(
      tx,
      {
        name: str(o, 'name'),
        ...(typeof o.slug === 'string' ? { slug: o.slug } : {}),
        plans: strings(o, 'plans'),
        features: strings(o, 'features'),
        ...(o.public_metadata && typeof o.public_metadata === 'object'
          ? { public_metadata: o.public_metadata as Record<string, unknown> }
          : {}),
      },
      now,
    );
    const members = o.members ?? [];
    if (!Array.isArray(members)) throw paramInvalid('members', 'expected an array');
    for (const m of members as Entry[]) {
      const user =
        (typeof m.user_id === 'string' && tx.get<UserRecord>(USERS, m.user_id)) ||
        (typeof m.username === 'string' && findUserByUsername(tx, m.username)) ||
        (typeof m.email === 'string' && findUserByEmail(tx, m.email)) ||
        undefined;
      if (!user) throw paramInvalid('members', 'names a user the seed does not define');
      insertMembership(tx, org, user.id, typeof m.role === 'string' ? m.role : 'org:member', now);
    }
  });
  each(seed, 'jwt_templates', (t) => {
    const name = str(t, 'name');
    if (findTemplate(tx, name)) throw paramInvalid('name', 'a template with this name exists');
    const claims = t.claims;
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
      throw paramInvalid('claims', 'expected an object');
    tx.put(JWT_TEMPLATES, {
      id: newId('jtmp_'),
      name,
      claims,
      lifetime: typeof t.lifetime === 'number' ? t.lifetime : 60,
      allowed_clock_skew: typeof t.allowed_clock_skew === 'number' ? t.allowed_clock_skew : 5,
      created_at: now,
      updated_at: now,
    });
  });
}
