import { effectiveStatus, type SessionRecord } from './session-record.js';

export function sessionJSON(s: SessionRecord, now: number) {
  const status = effectiveStatus(s, now);
  return {
    object: 'session',
    id: s.id,
    client_id: s.client_id,
    user_id: s.user_id,
    status,
    last_active_organization_id: s.last_active_organization_id,
    actor: s.actor,
    last_active_at: s.last_active_at,
    latest_activity: null,
    expire_at: s.expire_at,
    abandon_at: s.abandon_at,
    created_at: s.created_at,
    updated_at: s.updated_at,
    // A pending session has a task left before it becomes active; Clerk's default is choosing an organization.
    ...(status === 'pending' ? { tasks: [{ key: 'choose-organization' }] } : {}),
  };
}
