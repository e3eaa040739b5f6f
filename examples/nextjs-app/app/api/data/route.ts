// Reference: "Usage Example - Route Handler" (auth).
import { auth } from '@authlens/nextjs/server';
import { NextResponse } from 'next/server';
import { fetchUserData } from '../../../lib/data';

export async function GET() {
  const { userId } = await auth();
  if (!userId) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  // Fetch user-specific data
  const data = await fetchUserData(userId);
  return NextResponse.json({ data });
}
