// redirectToSignIn({ returnBackUrl: null }): no redirect_url at all.
import { auth } from '@authlens/nextjs/server';

export default async function NoReturnPage() {
  const { userId, redirectToSignIn } = await auth();
  if (!userId) redirectToSignIn({ returnBackUrl: null });
  return <div>Protected content</div>;
}
