'use server';
// Reference: "Usage Example - Server Action" (reverificationError).
import { auth, reverificationError } from '@authlens/nextjs/server';
import { performDeletion } from '../../lib/data';

export async function deleteSensitiveData() {
  const { userId } = await auth();

  if (!userId) {
    throw new Error('Unauthorized');
  }

  // Check if action requires reverification
  const requiresReverification = true; // Your logic here

  if (requiresReverification) {
    // Throw reverification error
    throw reverificationError({
      maxAgeInSeconds: 300,
      level: 'strict',
    });
  }

  // Perform sensitive operation
  await performDeletion(userId);

  return { success: true };
}
