// The four middlewares the bench compares, from one build: which one runs is read once at start.
import { clerkMiddleware } from '@authlens/nextjs/server';
import { importSPKI, jwtVerify } from 'jose';
import { type NextRequest, NextResponse } from 'next/server';

const variant = process.env.BENCH_VARIANT;

/** A minimal proxy: verify the bearer token with jose and pass the user id to the render in a request header. */
function joseProxy() {
  const key = importSPKI(process.env.CLERK_JWT_KEY ?? '', 'RS256');
  return async (request: NextRequest) => {
    const headers = new Headers(request.headers);
    headers.delete('x-user-id');
    const authorization = request.headers.get('authorization');
    if (authorization?.startsWith('Bearer ')) {
      try {
        const { payload } = await jwtVerify(authorization.slice(7), await key);
        if (payload.sub) headers.set('x-user-id', payload.sub);
      } catch {
        // signed out
      }
    }
    return NextResponse.next({ request: { headers } });
  };
}

const passThrough = () => NextResponse.next();

export default variant === 'authlens' ? clerkMiddleware() : variant === 'jose' ? joseProxy() : passThrough;

export const config = { matcher: ['/api/:path*'] };
