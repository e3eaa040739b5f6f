/**
 * The errors Next.js turns into responses — `redirect()`, `notFound()` and a
 * 401 — thrown by protect and the redirect methods. In Server Components,
 * Route Handlers and Server Actions Next.js handles them; inside the middleware
 * `clerkMiddleware` catches them and answers itself.
 *
 * The 401 is Next's `unauthorized()` error (digest `NEXT_HTTP_ERROR_FALLBACK;401`)
 * raised directly, as @clerk/nextjs does: Route Handlers and Server Actions
 * answer 401 without needing `experimental.authInterrupts`.
 */
import { notFound, redirect } from 'next/navigation';

const HTTP_FALLBACK = 'NEXT_HTTP_ERROR_FALLBACK';
const REDIRECT = 'NEXT_REDIRECT';

export function throwRedirect(url: string): never {
  redirect(url);
}

export function throwNotFound(): never {
  notFound();
}

export function throwUnauthorized(): never {
  const error = new Error(`${HTTP_FALLBACK};401`) as Error & { digest: string };
  error.digest = `${HTTP_FALLBACK};401`;
  throw error;
}

export type ControlFlow = { type: 'redirect'; url: string; status: number } | { type: 'http'; status: number };

/** Reads a Next.js control-flow error (redirect / 401 / 403 / 404); null for anything else. */
export function controlFlowOf(error: unknown): ControlFlow | null {
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest !== 'string') return null;
  if (digest.startsWith(`${HTTP_FALLBACK};`)) {
    const status = Number(digest.slice(HTTP_FALLBACK.length + 1));
    return status === 401 || status === 403 || status === 404 ? { type: 'http', status } : null;
  }
  if (digest.startsWith(`${REDIRECT};`)) {
    // NEXT_REDIRECT;<type>;<url, may contain ;>;<status>;
    const parts = digest.split(';');
    const status = Number(parts.at(-2));
    const url = parts.slice(2, -2).join(';');
    return url && Number.isInteger(status) ? { type: 'redirect', url, status } : null;
  }
  return null;
}
