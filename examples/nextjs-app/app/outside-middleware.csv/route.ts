// A route the middleware's matcher leaves out (it skips paths that look like static files, e.g. *.csv):
// auth() here fails with a typed error that says how to fix the setup.
import { AuthlensError, auth } from '@authlens/nextjs/server';

export async function GET() {
  try {
    await auth();
    return Response.json({ ok: true });
  } catch (error) {
    if (error instanceof AuthlensError) {
      return Response.json({ code: error.code, message: error.message }, { status: 500 });
    }
    throw error;
  }
}
