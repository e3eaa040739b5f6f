import { context, propagation, type Span, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkToMiddleware } from './render-link.js';
import { type RecordedTelemetry, recordTelemetry } from './test-support/record-telemetry.js';
import { activeTraceParent, injectTraceContext, linkFromTraceParent, requestParentContext } from './trace-context.js';
import { authlensTracer } from './tracer.js';

let telemetry: RecordedTelemetry;
beforeAll(() => {
  telemetry = recordTelemetry();
});
afterAll(() => telemetry.stop());

function inSpan<T>(name: string, fn: (span: Span) => T): T {
  return authlensTracer().startActiveSpan(name, (span) => {
    try {
      return fn(span);
    } finally {
      span.end();
    }
  });
}

describe('trace context across authlens’ hops', () => {
  it('activeTraceParent is the active span’s traceparent; none outside a span', () => {
    expect(activeTraceParent()).toBeNull();
    inSpan('outer', (span) => {
      const { traceId, spanId } = span.spanContext();
      expect(activeTraceParent()).toBe(`00-${traceId}-${spanId}-01`);
    });
  });

  it('injectTraceContext puts the active span’s traceparent on outgoing headers', () => {
    const headers = new Headers();
    inSpan('call', (span) => {
      injectTraceContext(headers);
      expect(headers.get('traceparent')).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    });
  });

  it('linkFromTraceParent reads a valid traceparent, and refuses malformed or all-zero ones', () => {
    const link = linkFromTraceParent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(link?.context).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' });
    expect(linkFromTraceParent('00-00000000000000000000000000000000-b7ad6b7169203331-01')).toBeNull();
    expect(linkFromTraceParent('garbage')).toBeNull();
    expect(linkFromTraceParent(null)).toBeNull();
  });

  it('a render span links to the middleware span of another trace, not to one of its own trace', () => {
    telemetry.reset();
    const middlewareParent = inSpan('middleware', () => activeTraceParent())!;
    // The render runs in a fresh trace (Next's render span), so it links back.
    context.with(trace.deleteSpan(context.active()), () =>
      inSpan('render', (span) => linkToMiddleware(span, middlewareParent)),
    );
    inSpan('same-trace', (span) => {
      linkToMiddleware(span, activeTraceParent());
    });
    const [middleware, render, same] = telemetry.spans();
    expect(render!.links.map((l) => l.context.spanId)).toEqual([middleware!.spanContext().spanId]);
    expect(same!.links).toEqual([]);
    expect(propagation.fields()).toContain('traceparent');
  });
});

describe('requestParentContext', () => {
  const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

  it('continues the traceparent a request arrived with when no span is active', () => {
    const parent = requestParentContext(new Headers({ traceparent: incoming }));
    const span = authlensTracer().startSpan('first', {}, parent);
    span.end();
    expect(span.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(
      telemetry.spans().find((s) => s.spanContext().spanId === span.spanContext().spanId)?.parentSpanContext,
    ).toMatchObject({ spanId: 'b7ad6b7169203331', isRemote: true });
  });

  it('keeps the active span (Next’s own) over the header, and starts a new trace without either', () => {
    inSpan('next-request', (active) => {
      const parent = requestParentContext(new Headers({ traceparent: incoming }));
      expect(trace.getSpanContext(parent)?.spanId).toBe(active.spanContext().spanId);
    });
    expect(trace.getSpanContext(requestParentContext(new Headers()))).toBeUndefined();
    expect(trace.getSpanContext(requestParentContext(new Headers({ traceparent: 'garbage' })))).toBeUndefined();
  });

  it('does not continue an unsampled traceparent: a client cannot keep its requests out of the traces', () => {
    const unsampled = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00';
    const parent = requestParentContext(new Headers({ traceparent: unsampled }));
    expect(trace.getSpanContext(parent)).toBeUndefined();
    // A trace of its own, recorded as any request without a traceparent is.
    const span = authlensTracer().startSpan('first', {}, parent);
    expect(span.isRecording()).toBe(true);
    span.end();
    expect(span.spanContext().traceId).not.toBe('0af7651916cd43dd8448eb211c80319c');
  });
});
