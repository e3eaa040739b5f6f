// auth.protect() in a Route Handler with ?role= / ?permission= / ?feature= / ?plan= / ?reverification= /
// ?token= / ?pending=signed-out / custom URLs.
import { auth, type ReverificationPreset } from '@authlens/nextjs/server';
import { describeAuth, parseAccepts } from '../../../lib/describe-auth';

export async function GET(req: Request) {
  const q = new URL(req.url).searchParams;
  const params = {
    ...(q.get('role') ? { role: q.get('role')! } : {}),
    ...(q.get('permission') ? { permission: q.get('permission')! } : {}),
    ...(q.get('feature') ? { feature: q.get('feature')! } : {}),
    ...(q.get('plan') ? { plan: q.get('plan')! } : {}),
    ...(q.get('reverification') ? { reverification: q.get('reverification') as ReverificationPreset } : {}),
  };
  const authObject = await auth.protect(params, {
    token: parseAccepts(q.get('token')),
    treatPendingAsSignedOut: q.get('pending') === 'signed-out',
    unauthenticatedUrl: q.get('unauthenticatedUrl') ?? undefined,
    unauthorizedUrl: q.get('unauthorizedUrl') ?? undefined,
  });
  return Response.json({ auth: describeAuth(authObject) });
}
