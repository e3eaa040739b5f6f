// A misconfiguration on purpose, for the devtools' loop detection: a signed-out visitor is "sent to sign in" at this
// very page, so the browser goes round until it gives up (ERR_TOO_MANY_REDIRECTS).
import { auth } from '@authlens/nextjs/server';

export default async function LoopPage() {
  const { userId } = await auth.protect({ unauthenticatedUrl: '/loop' });
  return <div>Signed in as {userId}: no loop</div>;
}
