// Reference: "Usage Example - Route Handler" (auth.protect).
import { auth } from '@authlens/nextjs/server';
import { NextResponse } from 'next/server';
import { createResource } from '../../../lib/data';

export async function POST(req: Request) {
  // Protects API route, returns 404 if not authenticated
  const { userId } = await auth.protect();

  const body = await req.json();

  // Process authenticated request
  await createResource(userId, body);

  return NextResponse.json({ success: true });
}
