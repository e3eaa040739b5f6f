// Reference: "Usage Example - Redirect Methods".
import { auth } from '@authlens/nextjs/server';

export default async function ProtectedPage() {
  const { userId, redirectToSignIn } = await auth();

  if (!userId) {
    // Redirects to sign-in with return URL
    redirectToSignIn({ returnBackUrl: '/dashboard' });
  }

  return <div>Protected content</div>;
}
