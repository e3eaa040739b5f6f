'use server';
// Reference: "Usage Example - Server Action" (reverificationError).
import { auth, reverificationError } from '@authlens/nextjs/server';
import { performDeletion } from '../../lib/data';

export async function deleteSensitiveData() {
  const { userId, has } = await auth();

  if (!userId) {
    throw new Error('Unauthorized');
  }

  // Check if action requires reverification
  const requiresReverification = !has({ reverification: 'strict' }); // Your logic here: the reference's level

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

// Clerk's documented form for its client-side `useReverification()`: the hint is *returned*, so it reaches the
// client as the action's result. (The thrown form above reaches it as a 403 error carrying the hint's digest.)
export async function deleteSensitiveDataUnlessStale() {
  const { userId, has } = await auth.protect();

  if (!has({ reverification: 'strict' })) {
    return reverificationError('strict');
  }

  await performDeletion(userId);

  return { success: true };
}
