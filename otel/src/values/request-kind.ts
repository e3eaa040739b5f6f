import { valuesOf } from './define-values.js';

/** How the request was classified from its headers alone; it decides redirect vs 404 vs 401. */
export const REQUEST_KIND_DESCRIPTIONS = {
  document:
    'A page navigation: `sec-fetch-dest` is `document`/`iframe`, or `accept` includes `text/html`, or an App Router navigation (`rsc: 1` / `next-url`).',
  server_action: 'A Server Action call: the request has a `next-action` header.',
  api: 'Everything else, including a plain `fetch()` of a page route.',
} as const;

export const RequestKind = valuesOf(REQUEST_KIND_DESCRIPTIONS);
export type RequestKind = keyof typeof REQUEST_KIND_DESCRIPTIONS;
