// Protected by auth.protect() in proxy.ts; auth() here reads the state the middleware handed over.
import { auth } from '@authlens/nextjs/server';

export default async function MiddlewareProtectedPage() {
  const { userId } = await auth();
  return <div data-testid="mw">Middleware let {userId} in</div>;
}
