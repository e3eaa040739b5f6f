// Reference: "Usage Example - Get Token". The "external API" is this app's /api/external/data unless EXAMPLE_API_URL
// points elsewhere (the reference's https://api.example.com/data is not reachable offline).
import { auth } from '@authlens/nextjs/server';
import { setting } from '../../../lib/settings';

export async function GET() {
  const { userId, getToken } = await auth();
  if (!userId) {
    return new Response('Unauthorized', { status: 401 });
  }
  // Get default session token
  const token = await getToken();
  // Get custom JWT template
  const supabaseToken = await getToken({ template: 'supabase' });
  // Use token for external API calls
  const response = await fetch(setting('EXAMPLE_API_URL') ?? 'https://api.example.com/data', {
    headers: {
      Authorization: `Bearer ${token}`,
      'X-Supabase-Token': supabaseToken ?? '',
    },
  });
  return response;
}
