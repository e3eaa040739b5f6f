// Read at request time: `process.env.NEXT_PUBLIC_*` written literally would be inlined at build time.
export function setting(name: string): string | undefined {
  return process.env[name];
}

/** The backend's dev sign-in page, returning to `returnTo` on this app. */
export function signInHref(returnTo: string): string | null {
  const signIn = setting('NEXT_PUBLIC_CLERK_SIGN_IN_URL');
  if (!signIn) return null;
  const url = new URL(signIn);
  url.searchParams.set('redirect_url', returnTo);
  return url.href;
}

/** The backend's sign-out, next to its sign-in page. */
export function signOutHref(returnTo: string): string | null {
  const signIn = setting('NEXT_PUBLIC_CLERK_SIGN_IN_URL');
  if (!signIn) return null;
  const url = new URL('/sign-out', signIn);
  url.searchParams.set('redirect_url', returnTo);
  return url.href;
}
