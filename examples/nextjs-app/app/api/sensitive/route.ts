// Reference: "Usage Example - Route Handler" (reverificationErrorResponse).
import { auth, reverificationErrorResponse } from '@authlens/nextjs/server';
import { NextResponse } from 'next/server';
import { deleteSensitiveData } from '../../../lib/data';

export async function DELETE(req: Request) {
  const { userId, sessionId, has } = await auth();

  if (!userId) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }

  // Check if action requires reverification
  const requiresReverification = !has({ reverification: 'strict' }); // Your logic here: the reference's level

  if (requiresReverification) {
    // Return reverification error response
    return reverificationErrorResponse({
      maxAgeInSeconds: 300, // Require reverification within 5 minutes
      level: 'strict',
    });
  }

  // Perform sensitive operation
  await deleteSensitiveData(userId);

  return NextResponse.json({ success: true, sessionId, method: req.method });
}
