// A stand-in for a third-party API: it verifies the bearer token it is given, networkless, with CLERK_JWT_KEY.
import { TokenVerificationError, verifyToken } from '@authlens/nextjs/server';
import { setting } from '../../../../lib/settings';

export async function GET(req: Request) {
  const bearer = req.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
  const supabase = req.headers.get('x-supabase-token');
  try {
    const claims = await verifyToken(bearer, { jwtKey: setting('CLERK_JWT_KEY') });
    return Response.json({ verified: true, sub: claims.sub, supabaseTokenReceived: Boolean(supabase) });
  } catch (error) {
    const reason = error instanceof TokenVerificationError ? error.reason : 'error';
    return Response.json({ verified: false, reason }, { status: 401 });
  }
}
