import { auth } from '@authlens/nextjs/server';
import { headers } from 'next/headers';

export async function GET(): Promise<Response> {
  if (process.env.BENCH_VARIANT === 'authlens') {
    const { userId } = await auth();
    return Response.json({ userId });
  }
  return Response.json({ userId: (await headers()).get('x-user-id') });
}
