// Reference: "Usage Example - Basic Protection".
import { auth } from '@authlens/nextjs/server';

export default async function ProtectedPage() {
  // Throws error if not authenticated, redirects to sign-in
  const { userId } = await auth.protect();

  // This code only runs if user is authenticated
  return <div>Welcome {userId}</div>;
}
