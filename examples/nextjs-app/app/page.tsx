import { auth } from '@authlens/nextjs/server';
import Link from 'next/link';
import { appOrigin } from '../lib/app-url';
import { signInHref, signOutHref } from '../lib/settings';

const examples: Array<[string, string]> = [
  ['/dashboard', 'auth() in a Server Component (dashboard)'],
  ['/api/data', 'auth() in a Route Handler'],
  ['/profile', 'auth() in a Server Action (update profile)'],
  ['/api/token', 'getToken() and getToken({ template: "supabase" })'],
  ['/admin', 'has() — role and permission checks'],
  ['/redirect-demo', 'redirectToSignIn({ returnBackUrl })'],
  ['/redirect-demo/sign-up', 'redirectToSignUp()'],
  ['/protected', 'auth.protect() — basic'],
  ['/protected/admin', 'auth.protect({ role: "admin" })'],
  ['/protected/team', 'auth.protect({ permission: "org:team:manage" })'],
  ['/protected/feature', 'auth.protect(has => …) — custom condition'],
  ['/premium', 'auth.protect() with custom redirect URLs'],
  ['/user', 'currentUser() in a Server Component'],
  ['/api/user', 'currentUser() in a Route Handler'],
  ['/user/metadata', 'currentUser() — metadata'],
  ['/user/action', 'currentUser() in a Server Action'],
  ['/sensitive', 'reverificationError() in a Server Action'],
  ['/mw/protected', 'auth.protect() inside clerkMiddleware'],
];

export default async function Home() {
  const { userId } = await auth();
  const origin = await appOrigin();
  const signIn = signInHref(`${origin}/dashboard`);
  const signOut = signOutHref(`${origin}/`);
  return (
    <div>
      <h1>authlens example</h1>
      <p data-testid="status">{userId ? `Signed in as ${userId}` : 'Signed out'}</p>
      {userId
        ? signOut && (
            // The backend signs out on a POST only (a GET from any page must not end the session).
            <form method="post" action={signOut}>
              <button type="submit" data-testid="sign-out">
                Sign out
              </button>
            </form>
          )
        : signIn && (
            <a href={signIn} data-testid="sign-in">
              Sign in
            </a>
          )}
      <p>
        {/* A client-side (App Router) navigation: its request is an RSC fetch, which cannot take a handshake. */}
        <Link href="/protected" data-testid="link-protected">
          The protected page, opened with &lt;Link&gt;
        </Link>
      </p>
      <h2>The reference's examples</h2>
      <ul>
        {examples.map(([href, label]) => (
          <li key={href}>
            <a href={href}>{label}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
