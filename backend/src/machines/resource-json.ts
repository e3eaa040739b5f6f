/**
 * Clerk's snake_case JSON for the machine-auth resources, field for field what @clerk/backend's `fromJSON`
 * constructors read (`Machine`, `MachineScope`, `MachineSecretKey`, `M2MToken`, `APIKey`, `IdPOAuthAccessToken`).
 */
import { createHash } from 'node:crypto';
import type { ReadView } from '../store/store.js';
import {
  type ApiKeyRecord,
  type M2MTokenRecord,
  MACHINES,
  type MachineRecord,
  type OAuthAccessTokenRecord,
} from './records.js';
import { isExpired } from './token-lifetime.js';

/** A stable `ins_…` id for this backend, derived from its (public) publishable key. */
export function instanceIdFor(publishableKey: string): string {
  return `ins_${createHash('sha256').update(publishableKey).digest('hex').slice(0, 27)}`;
}

function machineCore(machine: MachineRecord, instanceId: string) {
  return {
    object: 'machine' as const,
    id: machine.id,
    name: machine.name,
    instance_id: instanceId,
    created_at: machine.created_at,
    updated_at: machine.updated_at,
    default_token_ttl: machine.default_token_ttl,
  };
}

export function machineJSON(
  machine: MachineRecord,
  view: ReadView,
  instanceId: string,
  options: { withSecretKey?: boolean } = {},
) {
  const scoped = machine.scoped_machine_ids
    .map((id) => view.get<MachineRecord>(MACHINES, id))
    .filter((m): m is MachineRecord => m !== undefined)
    .map((m) => ({ ...machineCore(m, instanceId), scoped_machines: [] }));
  return {
    ...machineCore(machine, instanceId),
    scoped_machines: scoped,
    ...(options.withSecretKey ? { secret_key: machine.secret_key } : {}),
  };
}

export function machineScopeJSON(fromMachineId: string, toMachineId: string, createdAt: number) {
  return {
    object: 'machine_scope' as const,
    from_machine_id: fromMachineId,
    to_machine_id: toMachineId,
    created_at: createdAt,
  };
}

export function machineSecretKeyJSON(secret: string) {
  return { object: 'machine_secret_key' as const, secret };
}

export function m2mTokenJSON(token: M2MTokenRecord, nowMs: number, secret?: string) {
  return {
    object: 'machine_to_machine_token' as const,
    id: token.id,
    subject: token.subject,
    scopes: token.scopes,
    claims: token.claims,
    revoked: token.revoked,
    revocation_reason: token.revocation_reason,
    expired: isExpired(token, nowMs),
    expiration: token.expiration,
    created_at: token.created_at,
    updated_at: token.updated_at,
    ...(secret ? { token: secret } : {}),
  };
}

export function apiKeyJSON(key: ApiKeyRecord, nowMs: number, secret?: string) {
  return {
    object: 'api_key' as const,
    id: key.id,
    type: 'api_key',
    name: key.name,
    subject: key.subject,
    scopes: key.scopes,
    claims: key.claims,
    revoked: key.revoked,
    revocation_reason: key.revocation_reason,
    expired: isExpired(key, nowMs),
    expiration: key.expiration,
    created_by: key.created_by,
    description: key.description,
    // Verification is read-only here (it runs on every request of an app), so use is not tracked.
    last_used_at: null,
    created_at: key.created_at,
    updated_at: key.updated_at,
    ...(secret ? { secret } : {}),
  };
}

export function oauthAccessTokenJSON(token: OAuthAccessTokenRecord, nowMs: number, secret?: string) {
  return {
    object: 'clerk_idp_oauth_access_token' as const,
    id: token.id,
    client_id: token.client_id,
    type: 'oauth_token',
    subject: token.subject,
    scopes: token.scopes,
    revoked: token.revoked,
    revocation_reason: token.revocation_reason,
    expired: isExpired(token, nowMs),
    expiration: token.expiration,
    created_at: token.created_at,
    updated_at: token.updated_at,
    ...(secret ? { token: secret } : {}),
  };
}
