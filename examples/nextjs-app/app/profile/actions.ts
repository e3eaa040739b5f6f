'use server';
// Reference: "Usage Example - Server Action" (auth).
import { auth } from '@authlens/nextjs/server';
import { updateUserProfile } from '../../lib/data';

export async function updateProfile(formData: FormData) {
  const { userId } = await auth();
  if (!userId) {
    throw new Error('Unauthorized');
  }
  const name = formData.get('name') as string;
  // Update user profile
  await updateUserProfile(userId, { name });
  return { success: true };
}
