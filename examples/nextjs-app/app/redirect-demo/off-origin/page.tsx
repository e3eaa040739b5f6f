// An off-origin returnBackUrl is refused (no open redirect): this page fails with ERR_REDIRECT_NOT_ALLOWED.
import { auth } from '@authlens/nextjs/server';

export default async function OffOriginPage() {
  const { userId, redirectToSignIn } = await auth();
  if (!userId) redirectToSignIn({ returnBackUrl: 'https://evil.example/steal' });
  return <div>Protected content</div>;
}
