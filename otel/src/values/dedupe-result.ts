import { valuesOf } from './define-values.js';

/** How a `currentUser()` call was served by the request-scoped dedupe. */
export const DEDUPE_RESULT_DESCRIPTIONS = {
  hit: 'Served from this request’s cache, its result already there: no Backend API call.',
  joined:
    'Waited for a Backend API call already in flight for the same user (an earlier call of this request, or another request’s): no call of its own.',
  miss: 'Made the Backend API call.',
} as const;

export const DedupeResult = valuesOf(DEDUPE_RESULT_DESCRIPTIONS);
export type DedupeResult = keyof typeof DEDUPE_RESULT_DESCRIPTIONS;
