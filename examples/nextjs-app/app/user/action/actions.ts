'use server';
// Reference: "Usage Example - Server Action" (currentUser).
import { currentUser } from '@authlens/nextjs/server';

export async function getUserProfile() {
  const user = await currentUser();

  if (!user) {
    throw new Error('Not authenticated');
  }

  return {
    id: user.id,
    email: user.emailAddresses[0]?.emailAddress,
    fullName: `${user.firstName} ${user.lastName}`,
    imageUrl: user.imageUrl,
    metadata: user.publicMetadata,
  };
}
