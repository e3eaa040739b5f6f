// auth() with ?accepts=… and ?pending=signed-out, as JSON; currentUser() too when ?user=1.
import { auth, currentUser } from '@authlens/nextjs/server';
import { describeAuth, parseAccepts } from '../../../lib/describe-auth';

export async function GET(req: Request) {
  const url = new URL(req.url);
  const treatPendingAsSignedOut = url.searchParams.get('pending') === 'signed-out';
  const acceptsToken = parseAccepts(url.searchParams.get('accepts'));
  const authObject = await auth({ acceptsToken, treatPendingAsSignedOut });
  const body: Record<string, unknown> = { auth: describeAuth(authObject) };
  if (url.searchParams.get('user') === '1') {
    const user = await currentUser({ treatPendingAsSignedOut });
    body.user = user && { id: user.id, username: user.username };
  }
  return Response.json(body);
}
