import { valuesOf } from './define-values.js';

/** How a `currentUser()` call was served by the request-scoped dedupe. */
export const DEDUPE_RESULT_DESCRIPTIONS = {
  hit: 'Served from this request’s cache: no Backend API call.',
  joined: 'Joined a Backend API call already in flight for the same user.',
  miss: 'Made the Backend API call.',
} as const;

export const DedupeResult = valuesOf(DEDUPE_RESULT_DESCRIPTIONS);
export type DedupeResult = keyof typeof DEDUPE_RESULT_DESCRIPTIONS;
