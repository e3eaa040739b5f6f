import type { ReverificationConfig, ReverificationError, ReverificationParam } from '../types.js';
import { reverificationDigest } from './reverification-digest.js';

export const REVERIFICATION_REASON = 'reverification-error';

/**
 * The hint a Server Action returns (or throws) to ask the client to
 * reverify. Same object as @clerk/shared: `metadata.reverification` is the
 * config, left undefined (so absent from JSON) when none is given. The config
 * is the reference's object (`{ maxAgeInSeconds, level }`), Clerk's
 * (`{ level, afterMinutes }`) or one of Clerk's presets (`'strict'`…).
 *
 * It also carries a non-enumerable `digest` (see reverification-digest.ts):
 * JSON, spreads and a returned action result see only `clerk_error`, while a
 * thrown hint reaches the client as a 403 whose error keeps that digest.
 */
export function reverificationError<MC extends ReverificationConfig | ReverificationParam>(
  missingConfig?: MC,
): ReverificationError<{ metadata?: { reverification?: MC } }> {
  const hint: ReverificationError<{ metadata?: { reverification?: MC } }> = {
    clerk_error: {
      type: 'forbidden',
      reason: REVERIFICATION_REASON,
      metadata: { reverification: missingConfig },
    },
  };
  return Object.defineProperty(hint, 'digest', { value: reverificationDigest(missingConfig), enumerable: false });
}

/**
 * The same hint as a Route Handler response: that JSON with status 403. Like
 * @clerk/shared, no explicit content type is set.
 */
export function reverificationErrorResponse<MC extends ReverificationConfig | ReverificationParam>(
  missingConfig?: MC,
): Response {
  return new Response(JSON.stringify(reverificationError(missingConfig)), { status: 403 });
}

/** Whether a value is a reverification hint (e.g. returned by a Server Action). */
export function isReverificationHint(value: unknown): value is ReverificationError {
  const error = (value as { clerk_error?: { type?: unknown; reason?: unknown } } | null)?.clerk_error;
  return (
    typeof error === 'object' && error !== null && error.type === 'forbidden' && error.reason === REVERIFICATION_REASON
  );
}
