import { AuthlensError } from '../errors.js';

/** The user cancelled reverification (`cancel()` of `onNeedsReverification`); Clerk's code is `reverification_cancelled`. */
export class ReverificationCancelledError extends AuthlensError {
  constructor() {
    super('ERR_REVERIFICATION_CANCELLED', 'The user cancelled reverification');
  }
}

/** No page to re-verify on: neither a `reverificationUrl`, an absolute sign-in URL nor a publishable key. */
export class ReverificationUnavailableError extends AuthlensError {
  constructor() {
    super(
      'ERR_REVERIFICATION_URL_MISSING',
      'Reverification needs a page: pass reverificationUrl, signInUrl or publishableKey to useReverification(), or set NEXT_PUBLIC_CLERK_SIGN_IN_URL / NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY at build time',
    );
  }
}
