// getToken() with a template and skipCache, returned for inspection (tests decode the template token's claims).
import { auth } from '@authlens/nextjs/server';

export async function GET() {
  const { userId, getToken } = await auth();
  if (!userId) return new Response('Unauthorized', { status: 401 });
  const first = await getToken({ template: 'supabase' });
  const cached = await getToken({ template: 'supabase' });
  const fresh = await getToken({ template: 'supabase', skipCache: true });
  return Response.json({ token: await getToken(), supabaseToken: first, sameWhenCached: first === cached, fresh });
}
