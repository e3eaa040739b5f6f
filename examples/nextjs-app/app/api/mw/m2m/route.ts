// Protected by auth.protect({ token: 'm2m_token' }) in proxy.ts.
import { auth } from '@authlens/nextjs/server';

export async function GET() {
  const authObject = await auth({ acceptsToken: 'm2m_token' });
  return Response.json({ isAuthenticated: authObject.isAuthenticated, subject: authObject.subject });
}
