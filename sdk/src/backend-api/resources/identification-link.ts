import { asObject, requiredString } from './read-json.js';

/** Another identification linked to an identifier (e.g. the OAuth account an email came from). */
export interface IdentificationLink {
  id: string;
  type: string;
}

export function identificationLinkFromJSON(value: unknown): IdentificationLink {
  const json = asObject(value, 'linked_to');
  return { id: requiredString(json, 'linked_to', 'id'), type: requiredString(json, 'linked_to', 'type') };
}
