// A route the middleware's matcher leaves out (it skips paths that look like static files, e.g. *.csv):
// auth() here fails with a typed error that says how to fix the setup.
import { AuthlensError, auth } from '@authlens/nextjs/server';

export async function GET() {
  try {
    await auth();
    return Response.json({ ok: true });
  } catch (error) {
    if (error instanceof AuthlensError) {
      // A rejected handoff (one replayed here) says why in `reason`.
      const reason = (error as { reason?: string }).reason;
      return Response.json({ code: error.code, reason, message: error.message }, { status: 500 });
    }
    throw error;
  }
}
