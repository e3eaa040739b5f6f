import { type IdentificationLink, identificationLinkFromJSON } from './identification-link.js';
import { asObject, booleanOr, list, requiredString } from './read-json.js';
import { type Verification, verificationFromJSON } from './verification.js';

export interface PhoneNumber {
  id: string;
  /** E.164. */
  phoneNumber: string;
  reservedForSecondFactor: boolean;
  defaultSecondFactor: boolean;
  verification: Verification | null;
  linkedTo: IdentificationLink[];
}

export function phoneNumberFromJSON(value: unknown): PhoneNumber {
  const json = asObject(value, 'phone_number');
  return {
    id: requiredString(json, 'phone_number', 'id'),
    phoneNumber: requiredString(json, 'phone_number', 'phone_number'),
    reservedForSecondFactor: booleanOr(json, 'phone_number', 'reserved_for_second_factor', false),
    defaultSecondFactor: booleanOr(json, 'phone_number', 'default_second_factor', false),
    verification: verificationFromJSON(json.verification),
    linkedTo: list(json, 'phone_number', 'linked_to', identificationLinkFromJSON),
  };
}
