import { asObject, isJson, optionalNumber, optionalString, requiredString, stringOr } from './read-json.js';

/** A Backend API session (`GET /v1/sessions/{session_id}`). */
export interface Session {
  id: string;
  clientId: string;
  userId: string;
  /** `active`, `pending`, `ended`, `expired`, `removed`, `abandoned`, `revoked`, … */
  status: string;
  lastActiveAt: number | null;
  expireAt: number | null;
  abandonAt: number | null;
  createdAt: number | null;
  updatedAt: number | null;
  lastActiveOrganizationId: string | null;
  actor: Record<string, unknown> | null;
}

export function sessionFromJSON(value: unknown): Session {
  const json = asObject(value, 'session');
  const r = 'session';
  return {
    id: requiredString(json, r, 'id'),
    clientId: stringOr(json, r, 'client_id', ''),
    userId: requiredString(json, r, 'user_id'),
    status: stringOr(json, r, 'status', ''),
    lastActiveAt: optionalNumber(json, r, 'last_active_at'),
    expireAt: optionalNumber(json, r, 'expire_at'),
    abandonAt: optionalNumber(json, r, 'abandon_at'),
    createdAt: optionalNumber(json, r, 'created_at'),
    updatedAt: optionalNumber(json, r, 'updated_at'),
    lastActiveOrganizationId: optionalString(json, r, 'last_active_organization_id'),
    actor: isJson(json.actor) ? json.actor : null,
  };
}
