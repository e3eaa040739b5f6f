// clerkClient(): the Backend API client, e.g. to read another resource than the current user.
import { auth, clerkClient } from '@authlens/nextjs/server';

export async function GET() {
  const { userId } = await auth.protect();
  const client = await clerkClient();
  const user = await client.users.getUser(userId);
  return Response.json({ username: user.username, rateLimit: client.rateLimit });
}
