/** Reads `POST /v1/sessions`: Clerk's `user_id` plus this backend's test extensions. */
import { paramInvalid } from '../http/api-error.js';
import { optionalObject, optionalString, requiredString } from '../http/params.js';

export interface SessionInput {
  user_id: string;
  /** Extension: the organization (id or slug) the session starts in; the user must be a member. */
  active_organization_id?: string;
  /** Extension: `'pending'` starts the session with a task left (Clerk's pending status). */
  status?: 'active' | 'pending';
  /** Extension: minutes since the first and second factor were verified; -1 = not enrolled. */
  factor_verification_age?: [number, number];
  /** Extension: an impersonator, `{ sub: 'user_…' }` (the `act` claim). */
  actor?: Record<string, unknown>;
  /** Extension: the authorized party of this session's tokens. */
  azp?: string;
}

export function readSessionInput(body: Readonly<Record<string, unknown>>): SessionInput {
  const input: SessionInput = { user_id: requiredString(body, 'user_id') };
  const org = optionalString(body, 'active_organization_id');
  if (org) input.active_organization_id = org;
  const status = optionalString(body, 'status');
  if (status !== undefined) {
    if (status !== 'active' && status !== 'pending') throw paramInvalid('status', 'expected "active" or "pending"');
    input.status = status;
  }
  const fva = body.factor_verification_age;
  if (fva !== undefined && fva !== null) {
    if (
      !Array.isArray(fva) ||
      fva.length !== 2 ||
      !fva.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= -1)
    ) {
      throw paramInvalid('factor_verification_age', 'expected [firstFactorMinutes, secondFactorMinutes], each >= -1');
    }
    input.factor_verification_age = [fva[0], fva[1]];
  }
  const actor = optionalObject(body, 'actor');
  if (actor) {
    if (typeof actor.sub !== 'string' || actor.sub === '') throw paramInvalid('actor', 'needs a "sub" string');
    input.actor = actor;
  }
  const azp = optionalString(body, 'azp');
  if (azp) {
    if (!URL.canParse(azp)) throw paramInvalid('azp', 'expected an origin such as http://localhost:3000');
    input.azp = new URL(azp).origin;
  }
  return input;
}
