import type { MachineAuthState, MachineTokenType, TokenType, VerifiedAuthState } from '../auth-state.js';
import { detectTokenType } from './detect-token-type.js';
import { isTokenVerificationError, TokenVerificationError } from './errors.js';
import { type VerifySessionTokenOptions, verifySessionToken } from './verify-session-token.js';

export type VerifyMachineToken = (token: string, type: MachineTokenType) => Promise<MachineAuthState>;

export type AcceptsToken = TokenType | readonly TokenType[] | 'any';

export interface VerifyRequestTokenOptions extends VerifySessionTokenOptions {
  /** Verifies machine tokens through the Backend API (the backend-api client's `verifyMachineToken`). */
  verifyMachineToken?: VerifyMachineToken;
  /** Token types worth verifying; another type is refused before any work. Default `'any'`. */
  acceptsToken?: AcceptsToken;
}

export function isTokenTypeAccepted(type: TokenType, accepts: AcceptsToken = 'any'): boolean {
  if (accepts === 'any') return true;
  return typeof accepts === 'string' ? accepts === type : accepts.includes(type);
}

function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}

async function verifyMachine(token: string, type: MachineTokenType, verify: VerifyMachineToken | undefined) {
  if (!verify) {
    throw new TokenVerificationError(
      'machine_token_unverified',
      `A ${type} needs the Backend API to be verified, and none is configured.`,
    );
  }
  let state: MachineAuthState;
  try {
    state = await verify(token, type);
  } catch (cause) {
    if (isTokenVerificationError(cause)) throw cause;
    const status = statusOf(cause);
    // 4xx: the Backend API looked at the token and refused it. Anything else: we could not ask.
    if (status !== null && status >= 400 && status < 500) {
      throw new TokenVerificationError('machine_token_invalid', `The Backend API refused the ${type}.`, { cause });
    }
    throw new TokenVerificationError('machine_token_unverified', `The ${type} could not be verified.`, { cause });
  }
  if (state?.tokenType !== type) {
    throw new TokenVerificationError('machine_token_invalid', `The Backend API did not confirm a ${type}.`);
  }
  return state;
}

/**
 * Verifies whatever credential a request carries: session tokens locally,
 * machine tokens through the injected Backend API verifier. Rejects with a
 * `TokenVerificationError` (reason `wrong_token_type` when the type is not
 * accepted, without verifying it).
 */
export async function verifyRequestToken(
  token: string,
  options: VerifyRequestTokenOptions,
): Promise<VerifiedAuthState> {
  const type = detectTokenType(token);
  if (!isTokenTypeAccepted(type, options.acceptsToken)) {
    throw new TokenVerificationError('wrong_token_type', `A ${type} is not accepted here.`);
  }
  if (type === 'session_token') return verifySessionToken(token, options);
  return verifyMachine(token, type, options.verifyMachineToken);
}
