import { valuesOf } from './define-values.js';

/** What an auth decision point decided. Handled outcomes (redirects, 404, 401) are outcomes, not span errors. */
export const OUTCOME_DESCRIPTIONS = {
  signed_in: 'The request carries a valid token of an accepted type (a session, or a machine token).',
  signed_out: 'The request carries no usable token; the reason says why.',
  handshake:
    'The middleware sent a document request to the Frontend API handshake (307) to refresh its session cookies; the reason says why.',
  allowed: '`auth.protect()` let the request through: authenticated and authorized.',
  redirect_sign_in:
    '`auth.protect()` redirected a signed-out document request to the sign-in page, or the app called `redirectToSignIn()`.',
  redirect_sign_up: 'The app called `redirectToSignUp()`: the browser was sent to the sign-up page.',
  redirect_unauthenticated_url: '`auth.protect()` redirected a signed-out request to its `unauthenticatedUrl`.',
  redirect_unauthorized_url:
    '`auth.protect()` redirected a signed-in but unauthorized request to its `unauthorizedUrl`.',
  not_found: '`auth.protect()` answered 404: signed in but unauthorized, or signed out on an API request.',
  unauthorized:
    '`auth.protect()` answered 401: a signed-out server action, or a machine token of the wrong type or invalid.',
} as const;

export const Outcome = valuesOf(OUTCOME_DESCRIPTIONS);
export type Outcome = keyof typeof OUTCOME_DESCRIPTIONS;
