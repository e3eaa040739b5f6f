/** Typed errors of the Next.js integration. Messages never contain tokens, keys or header values. */
import { AuthlensError } from '../errors.js';

const SETUP_HINT =
  'Export clerkMiddleware() as the default export of proxy.ts (Next 16) or middleware.ts at the project root ' +
  '(or in src/), and make sure its `config.matcher` covers this route — e.g. ' +
  "matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)'].";

/** `auth()` / `currentUser()` ran in a request the middleware did not handle. */
export class AuthMiddlewareMissingError extends AuthlensError {
  constructor(caller: string) {
    super(
      'ERR_AUTH_MIDDLEWARE_MISSING',
      `authlens: ${caller} was called, but clerkMiddleware() did not run for this request. ${SETUP_HINT}`,
    );
  }
}

export type HandoffInvalidReason =
  | 'malformed'
  | 'bad_signature'
  | 'stale'
  | 'request_mismatch'
  | 'token_expired'
  | 'undecryptable_keys';

/** The middleware→render auth state is present but not acceptable: never trusted, never partially used. */
export class HandoffInvalidError extends AuthlensError {
  readonly reason: HandoffInvalidReason;
  constructor(reason: HandoffInvalidReason) {
    const why =
      reason === 'bad_signature'
        ? 'its signature does not verify (are CLERK_ENCRYPTION_KEY / CLERK_SECRET_KEY in the render the ones the middleware sees?)'
        : reason === 'stale'
          ? 'it is too old (over 60 s) or from the future'
          : reason === 'request_mismatch'
            ? 'it was made for another request (method, path or query), or Next did not say which request this is — a handoff replayed on a route the middleware does not cover'
            : reason === 'token_expired'
              ? 'the session token it carries has expired since the middleware verified it'
              : reason === 'undecryptable_keys'
                ? 'the instance keys passed to clerkMiddleware() as options do not decrypt (is CLERK_ENCRYPTION_KEY in the render the one the middleware sees?)'
                : 'it is malformed';
    super(
      'ERR_AUTH_HANDOFF_INVALID',
      `authlens: the auth state handed over by clerkMiddleware() (proxy.ts / middleware.ts) was rejected: ${why}. ${SETUP_HINT}`,
    );
    this.reason = reason;
  }
}

/**
 * clerkMiddleware() was given a `secretKey`/`apiUrl` as options that the render's environment does not have, and no
 * `CLERK_ENCRYPTION_KEY` to pass them on: a Backend API call from the render would reach the wrong instance.
 */
export class MissingEncryptionKeyError extends AuthlensError {
  constructor() {
    super(
      'ERR_MISSING_ENCRYPTION_KEY',
      'authlens: clerkMiddleware() got its secretKey or apiUrl as options, and the render cannot call the Backend API with them: set CLERK_ENCRYPTION_KEY (any long random string, the same for the middleware and the render) so they are passed on encrypted, or set CLERK_SECRET_KEY / CLERK_API_URL to them.',
    );
  }
}

/** A redirect target points to an origin that is neither the app's own nor allowed. */
export class RedirectNotAllowedError extends AuthlensError {
  readonly option: string;
  constructor(option: string) {
    super(
      'ERR_REDIRECT_NOT_ALLOWED',
      `authlens: ${option} points to an origin that is not allowed. Use a path on this app, or add the origin to clerkMiddleware({ allowedRedirectOrigins }).`,
    );
    this.option = option;
  }
}

/**
 * A redirect to sign-in/up was asked for but no page is known: no URL configured for it (sign-up also falls back to
 * the sign-in page's `/create` step) and no publishable key naming an Account Portal.
 */
export class MissingSignInUrlError extends AuthlensError {
  /** Which page has no URL: the code is shared, as both are the same setting's two halves. */
  readonly which: 'sign-in' | 'sign-up';

  constructor(which: 'sign-in' | 'sign-up') {
    const env = which === 'sign-in' ? 'NEXT_PUBLIC_CLERK_SIGN_IN_URL' : 'NEXT_PUBLIC_CLERK_SIGN_UP_URL';
    const option = which === 'sign-in' ? 'signInUrl' : 'signUpUrl';
    super(
      'ERR_MISSING_SIGN_IN_URL',
      `authlens: no ${which} URL. Set ${env} or pass \`${option}\` to clerkMiddleware(), or set NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY to use the instance's Account Portal.`,
    );
    this.which = which;
  }
}
