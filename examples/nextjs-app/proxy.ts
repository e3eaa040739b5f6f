// Next 16's `proxy.ts` (the e2e harness also builds a copy of this app where it is named `middleware.ts`).
import { clerkClient, clerkMiddleware, createRouteMatcher } from '@authlens/nextjs/server';
import { NextResponse } from 'next/server';

const isProtectedInMiddleware = createRouteMatcher(['/mw/protected(.*)']);
const isAdminInMiddleware = createRouteMatcher(['/mw/admin(.*)']);
const isM2mInMiddleware = createRouteMatcher(['/api/mw/m2m(.*)']);

export default clerkMiddleware(
  async (auth, req) => {
    if (isAdminInMiddleware(req)) await auth.protect({ role: 'admin' });
    if (isProtectedInMiddleware(req)) await auth.protect();
    if (isM2mInMiddleware(req)) await auth.protect({ token: 'm2m_token' });
    if (req.nextUrl.pathname === '/mw/sign-in-redirect') {
      const { userId, redirectToSignIn } = await auth();
      if (!userId) redirectToSignIn();
    }
    // A rewrite: the render serves /api/auth-state, and auth() there reads the handoff made for the rewritten request.
    if (req.nextUrl.pathname === '/mw/rewrite') {
      return NextResponse.rewrite(new URL('/api/auth-state?user=1', req.url));
    }
    // clerkClient() inside the middleware: the middleware's own keys (also when given as options below).
    if (req.nextUrl.pathname === '/api/mw/clerk-client') {
      const { userId } = await auth.protect();
      const user = await (await clerkClient()).users.getUser(userId);
      return NextResponse.json({ username: user.username });
    }
  },
  {
    // Session tokens must have been issued for this app (their `azp`), when configured.
    authorizedParties: process.env.AUTHORIZED_PARTIES?.split(','),
    // An app in front of several Clerk instances passes each one's key here (from its own lookup, not
    // CLERK_SECRET_KEY); the render gets it sealed with CLERK_ENCRYPTION_KEY. Unset: the environment's key.
    secretKey: process.env.EXAMPLE_INSTANCE_SECRET_KEY,
  },
);

export const config = {
  matcher: [
    '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api|trpc)(.*)',
  ],
};
