import type { MachineTokenType } from '../auth-state.js';
import { AuthlensError } from '../errors.js';

/** Why the Backend API refused a machine token. */
export type MachineTokenInvalidReason =
  /** The API does not know the token (Clerk answers 404 for unknown, malformed, and usually revoked/expired ones). */
  | 'not_found'
  | 'revoked'
  | 'expired'
  /** Not a string, or not of the form Clerk issues for this type (see opaque-token-format.ts): nothing was sent. */
  | 'malformed';

/**
 * The Backend API answered, and the machine token is not valid. Distinct from {@link BackendApiError}, which means
 * the API could not give an answer (down, timeout, 5xx, rate limited, bad secret key): a caller must treat this one
 * as "signed out" (401), and the other as a failure.
 */
export class MachineTokenInvalidError extends AuthlensError {
  declare readonly code: 'ERR_MACHINE_TOKEN_INVALID';
  readonly reason: MachineTokenInvalidReason;
  readonly tokenType: MachineTokenType;
  readonly status: number | null;
  readonly clerkTraceId: string | null;

  constructor(init: {
    reason: MachineTokenInvalidReason;
    tokenType: MachineTokenType;
    status?: number | null;
    clerkTraceId?: string | null;
    cause?: unknown;
  }) {
    super('ERR_MACHINE_TOKEN_INVALID', `The ${init.tokenType} is invalid (${init.reason}).`, {
      cause: init.cause,
    });
    this.reason = init.reason;
    this.tokenType = init.tokenType;
    this.status = init.status ?? null;
    this.clerkTraceId = init.clerkTraceId ?? null;
  }
}
