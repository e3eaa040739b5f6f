/** With no OpenTelemetry SDK registered, instrumentation records nothing and builds nothing, and auth still works. */
import { trace } from '@opentelemetry/api';
import type { NextFetchEvent } from 'next/server';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { clerkMiddleware } from '../next/clerk-middleware.js';
import { sessionClaims, signRs, testKeyPair } from '../tokens/test-support/mint.js';
import { instruments } from './instruments.js';
import { authlensTracer } from './tracer.js';

describe('without an SDK', () => {
  it('spans are non-recording, there are no instruments, and the middleware decides as usual', async () => {
    const span = authlensTracer().startSpan('probe');
    expect(span.isRecording()).toBe(false);
    span.end();
    expect(instruments()).toBeNull();
    expect(trace.getActiveSpan()).toBeUndefined();
    const pair = testKeyPair('no-sdk');
    const token = signRs(sessionClaims({ sub: 'user_nosdk' }), pair);
    let userId: string | null = null;
    const mw = clerkMiddleware(
      async (auth) => {
        userId = (await auth.protect()).userId;
      },
      { secretKey: 'sk_test_no_sdk', jwtKey: pair.pem },
    );
    const res = await mw(
      new NextRequest('http://app.test/x', { headers: { cookie: `__session=${token}` } }),
      {} as NextFetchEvent,
    );
    expect(res?.headers.get('x-middleware-next')).toBe('1');
    expect(userId).toBe('user_nosdk');
  });
});
