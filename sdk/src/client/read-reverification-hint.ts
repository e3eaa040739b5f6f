import { readReverificationDigest } from '../authorization/reverification-digest.js';
import { isReverificationHint, REVERIFICATION_REASON } from '../authorization/reverification-error.js';
import type { ReverificationError } from '../types.js';

export type ReverificationHint = ReverificationError<{ metadata?: { reverification?: unknown } }>;

/**
 * The reverification hint in a Server Action's outcome: the returned hint itself, or the error a thrown
 * `reverificationError()` became on its way to the client (recognised by its digest). Null for anything else.
 */
export function readReverificationHint(value: unknown): ReverificationHint | null {
  if (isReverificationHint(value)) return value as ReverificationHint;
  if (typeof value !== 'object' || value === null) return null;
  const digest = readReverificationDigest((value as { digest?: unknown }).digest);
  if (!digest) return null;
  return {
    clerk_error: { type: 'forbidden', reason: REVERIFICATION_REASON, metadata: { reverification: digest.config } },
  };
}

/**
 * The hint in a Route Handler's answer: `reverificationErrorResponse()` is a 403 with the hint as JSON. The body is
 * read from a clone, so the caller still gets the untouched response when it is not a hint.
 */
export async function readReverificationResponse(response: Response): Promise<ReverificationHint | null> {
  if (response.status !== 403) return null;
  try {
    return readReverificationHint(await response.clone().json());
  } catch {
    return null;
  }
}
