'use client';
/**
 * `@authlens/nextjs/client`: the browser side of reverification, safe in Client Components. It imports nothing
 * from the server entry (no `next/headers`, no secrets), only React.
 */

export { ReverificationCancelledError, ReverificationUnavailableError } from './client/errors.js';
export {
  type ReverificationHint,
  readReverificationHint,
  readReverificationResponse,
} from './client/read-reverification-hint.js';
export { reverificationLevel } from './client/reverification-level.js';
export { type ReverificationPageOptions, reverificationPageUrl } from './client/reverification-page-url.js';
export { useReverification } from './client/use-reverification.js';
export type {
  ExcludeReverificationHint,
  NeedsReverificationParameters,
  UseReverificationOptions,
} from './client/with-reverification.js';
