// currentUser() when the Backend API fails: a typed error with the HTTP status, Retry-After and Clerk's trace id.
import { BackendApiError, currentUser } from '@authlens/nextjs/server';

export async function GET() {
  try {
    const user = await currentUser();
    return Response.json({ id: user?.id ?? null });
  } catch (error) {
    if (!(error instanceof BackendApiError)) throw error;
    return Response.json(
      { code: error.code, status: error.status, retryAfter: error.retryAfter, hasTraceId: Boolean(error.clerkTraceId) },
      { status: 502 },
    );
  }
}
