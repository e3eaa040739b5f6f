import { valuesOf } from './define-values.js';

/** What `auth.protect()` was asked to check beyond being signed in. */
export const PROTECT_REQUIREMENT_KIND_DESCRIPTIONS = {
  none: 'Only authentication: `auth.protect()` with no parameters.',
  role: 'An organization role: `auth.protect({ role })`.',
  permission: 'An organization permission: `auth.protect({ permission })`.',
  condition: 'A custom condition: `auth.protect((has) => …)`.',
  token: 'A token type only: `auth.protect({ token })` / `auth.protect(undefined, { token })`.',
} as const;

export const ProtectRequirementKind = valuesOf(PROTECT_REQUIREMENT_KIND_DESCRIPTIONS);
export type ProtectRequirementKind = keyof typeof PROTECT_REQUIREMENT_KIND_DESCRIPTIONS;
