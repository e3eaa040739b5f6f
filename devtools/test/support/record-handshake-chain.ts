import type { RunningBackend } from '@authlens/backend';
import { clerkMiddleware } from '@authlens/nextjs/server';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { type NextFetchEvent, NextRequest } from 'next/server.js';

const DOCUMENT = { accept: 'text/html', 'sec-fetch-dest': 'document' };

/** A browser's cookie jar for one origin: enough for Set-Cookie name=value pairs and Max-Age=0 deletions. */
class CookieJar {
  readonly #cookies = new Map<string, string>();
  take(res: Response): void {
    for (const cookie of res.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(/;\s*/);
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      if (attributes.some((a) => a.toLowerCase() === 'max-age=0')) this.#cookies.delete(name);
      else this.#cookies.set(name, pair!.slice(eq + 1));
    }
  }
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export interface RecordedHandshakeChain {
  /** The request id of the handshake redirect and its resolution. */
  requestId: string;
  statuses: number[];
}

/**
 * A real handshake round trip, recorded: a browser signs in on the local backend's page with a session token that
 * lives 1 s, waits for it to expire, then loads `appUrl/dashboard` through `clerkMiddleware()` in-process — the
 * middleware answers 307 to the backend's `/v1/client/handshake`, the backend 307s back with a nonce, the middleware
 * resolves it through the Backend API and 307s to the clean URL with the new cookies, which then passes signed in.
 * Every span `clerkMiddleware()` records goes to `exporter` (the real OTLP exporter in the tests).
 */
export async function recordHandshakeChain(
  backend: RunningBackend,
  appUrl: string,
  exporter: SpanExporter,
): Promise<RecordedHandshakeChain> {
  const jar = new CookieJar();
  const signIn = await fetch(`${backend.url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: backend.url },
    body: new URLSearchParams({ username: 'alice', redirect_url: `${appUrl}/`, token_lifetime_seconds: '1' }),
  });
  if (signIn.status !== 303) throw new Error(`sign-in answered ${signIn.status}`);
  jar.take(signIn);
  // Whole seconds: a 1 s token is expired 2 s later (no clock skew is allowed below).
  await new Promise((resolve) => setTimeout(resolve, 2100));

  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  trace.setGlobalTracerProvider(provider);
  try {
    const middleware = clerkMiddleware({
      secretKey: backend.secretKey,
      publishableKey: backend.publishableKey,
      jwtKey: backend.jwtKey,
      apiUrl: backend.url,
      clockSkewInMs: 0,
    });
    const event = {} as NextFetchEvent;
    const pass = async (url: string) => {
      const res = await middleware(new NextRequest(url, { headers: { ...DOCUMENT, cookie: jar.header() } }), event);
      if (!res) throw new Error('the middleware did not answer');
      jar.take(res);
      return res;
    };

    const redirect = await pass(`${appUrl}/dashboard`);
    const requestId = /__authlens_handshake_rid=([^;]+)/.exec(redirect.headers.getSetCookie().join('\n'))?.[1] ?? '';
    // The Frontend API's handshake, as the browser follows the 307 (the backend knows it by its cookies).
    const fapi = await fetch(redirect.headers.get('location') ?? '', {
      redirect: 'manual',
      headers: { cookie: jar.header() },
    });
    const resolution = await pass(fapi.headers.get('location') ?? '');
    const clean = await pass(resolution.headers.get('location') ?? '');
    await provider.forceFlush();
    return { requestId, statuses: [redirect.status, fapi.status, resolution.status, clean.status] };
  } finally {
    await provider.shutdown();
    trace.disable();
    context.disable();
  }
}
