// Reference: "Usage Example - Machine-to-Machine Token".
import { auth } from '@authlens/nextjs/server';
import { NextResponse } from 'next/server';

// biome-ignore lint/correctness/noUnusedFunctionParameters: the reference's example, kept as written (with `req`).
export async function POST(req: Request) {
  // Accept M2M tokens for API authentication
  const authObject = await auth.protect({ token: 'm2m_token' });

  // authObject.isAuthenticated is true for M2M tokens
  return NextResponse.json({
    success: true,
    isAuthenticated: authObject.isAuthenticated,
    machineId: authObject.machineId,
  });
}
