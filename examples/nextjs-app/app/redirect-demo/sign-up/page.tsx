// redirectToSignUp(): back to this page after signing up.
import { auth } from '@authlens/nextjs/server';

export default async function SignUpFirstPage() {
  const { userId, redirectToSignUp } = await auth();
  if (!userId) redirectToSignUp();
  return <div>Signed up content</div>;
}
