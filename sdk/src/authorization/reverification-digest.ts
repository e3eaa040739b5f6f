/**
 * How a *thrown* reverification hint crosses a Server Action's response. In production Next sends the client only a
 * thrown value's `digest`; a digest of the form `NEXT_HTTP_ERROR_FALLBACK;403;…` is also Next's own `forbidden()`
 * signal, so the action answers 403 (not 500), Next does not log it as a crash, and the client's rejected promise
 * carries this digest unchanged. Framework-free: the client entry reads it too.
 */
import type { ReverificationConfig, ReverificationParam } from '../types.js';

/** Next's HTTP access fallback code with status 403, then Clerk's reason. */
export const REVERIFICATION_DIGEST_PREFIX = 'NEXT_HTTP_ERROR_FALLBACK;403;reverification-error;';

/** The digest for a hint with this config (`null` stands for none). */
export function reverificationDigest(config: ReverificationConfig | ReverificationParam | undefined): string {
  return REVERIFICATION_DIGEST_PREFIX + JSON.stringify(config ?? null);
}

/**
 * The config a reverification digest carries (`undefined` when none was given), or null when `digest` is not one.
 */
export function readReverificationDigest(
  digest: unknown,
): { config: ReverificationConfig | ReverificationParam | undefined } | null {
  if (typeof digest !== 'string' || !digest.startsWith(REVERIFICATION_DIGEST_PREFIX)) return null;
  try {
    const config: unknown = JSON.parse(digest.slice(REVERIFICATION_DIGEST_PREFIX.length));
    if (config === null) return { config: undefined };
    if (typeof config === 'string' || (typeof config === 'object' && !Array.isArray(config))) {
      return { config: config as ReverificationConfig | ReverificationParam };
    }
    return null;
  } catch {
    return null;
  }
}
