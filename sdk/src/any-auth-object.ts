/**
 * Any of the objects `auth()` can return. The next/ adapter builds them; telemetry records what they say, so the
 * union lives here, below both. Not part of the public API (types.ts is): its members are.
 */
import type {
  AuthenticatedMachineObject,
  InvalidTokenAuthObject,
  SignedInAuthObject,
  SignedOutAuthObject,
  UnauthenticatedMachineObject,
} from './types.js';

export type AnyAuthObject =
  | SignedInAuthObject
  | SignedOutAuthObject
  | AuthenticatedMachineObject
  | UnauthenticatedMachineObject
  | InvalidTokenAuthObject;
