import { type IdentificationLink, identificationLinkFromJSON } from './identification-link.js';
import { asObject, list, requiredString } from './read-json.js';
import { type Verification, verificationFromJSON } from './verification.js';

export interface EmailAddress {
  id: string;
  emailAddress: string;
  verification: Verification | null;
  linkedTo: IdentificationLink[];
}

export function emailAddressFromJSON(value: unknown): EmailAddress {
  const json = asObject(value, 'email_address');
  return {
    id: requiredString(json, 'email_address', 'id'),
    emailAddress: requiredString(json, 'email_address', 'email_address'),
    verification: verificationFromJSON(json.verification),
    linkedTo: list(json, 'email_address', 'linked_to', identificationLinkFromJSON),
  };
}
