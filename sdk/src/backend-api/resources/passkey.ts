import { asObject, optionalNumber, optionalString, requiredString } from './read-json.js';
import { type Verification, verificationFromJSON } from './verification.js';

export interface Passkey {
  id: string;
  name: string | null;
  lastUsedAt: number | null;
  verification: Verification | null;
  createdAt: number | null;
  updatedAt: number | null;
}

export function passkeyFromJSON(value: unknown): Passkey {
  const json = asObject(value, 'passkey');
  return {
    id: requiredString(json, 'passkey', 'id'),
    name: optionalString(json, 'passkey', 'name'),
    lastUsedAt: optionalNumber(json, 'passkey', 'last_used_at'),
    verification: verificationFromJSON(json.verification),
    createdAt: optionalNumber(json, 'passkey', 'created_at'),
    updatedAt: optionalNumber(json, 'passkey', 'updated_at'),
  };
}
