// currentUser() several times in one Route Handler request — concurrently and one after another.
import { currentUser } from '@authlens/nextjs/server';

export async function GET() {
  const [a, b] = await Promise.all([currentUser(), currentUser()]);
  const c = await currentUser();
  const d = await currentUser();
  return Response.json({ ids: [a?.id, b?.id, c?.id, d?.id] });
}
