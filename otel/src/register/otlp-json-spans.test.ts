import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { serializeSpansAsOtlpJson } from './otlp-json-spans.js';

/** Real SDK spans of every shape the serializer handles: kinds, value types, events, links, status, remote parents. */
function recordSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'serializer-test', 'deployment.count': 3 }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('authlens-test', '1.2.3');
  const other = provider.getTracer('other-scope');

  const parent = tracer.startSpan('parent', {
    kind: SpanKind.SERVER,
    attributes: {
      'a.string': 'value',
      'a.int': 42,
      'a.double': 1.5,
      'a.bool': false,
      'a.strings': ['x', 'y'],
      'a.ints': [1, 2],
    },
  });
  parent.addEvent('something happened', { 'event.attr': 'e' });
  parent.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  const child = tracer.startSpan(
    'child',
    {
      kind: SpanKind.CLIENT,
      links: [
        {
          context: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: TraceFlags.SAMPLED, isRemote: true },
          attributes: { 'link.attr': 7 },
        },
      ],
    },
    trace.setSpan(ROOT_CONTEXT, parent),
  );
  child.end();
  parent.end();

  const remoteParent = trace.setSpanContext(context.active(), {
    traceId: 'c'.repeat(32),
    spanId: 'd'.repeat(16),
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
    traceState: new TraceState('vendor=value'),
  });
  other.startSpan('continued', {}, remoteParent).end();
  return exporter.getFinishedSpans();
}

describe('serializeSpansAsOtlpJson', () => {
  it('writes what the OpenTelemetry JS OTLP/JSON serializer writes for the same spans', () => {
    const spans = recordSpans();
    expect(spans).toHaveLength(3);
    const reference = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)));
    expect(JSON.parse(serializeSpansAsOtlpJson(spans))).toEqual(reference);
  });

  it('is OTLP/JSON: hex ids, string nanosecond times, kinds offset by one, grouped by scope', () => {
    const spans = recordSpans();
    const body = JSON.parse(serializeSpansAsOtlpJson(spans));
    expect(body.resourceSpans).toHaveLength(1);
    const [resourceSpans] = body.resourceSpans;
    expect(resourceSpans.resource.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'serializer-test' },
    });
    expect(resourceSpans.scopeSpans.map((s: { scope: { name: string } }) => s.scope.name)).toEqual([
      'authlens-test',
      'other-scope',
    ]);
    const [child, parent] = resourceSpans.scopeSpans[0].spans;
    expect(parent).toMatchObject({ name: 'parent', kind: 2, status: { code: 2, message: 'boom' } });
    expect(parent.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(parent.startTimeUnixNano).toMatch(/^\d{19}$/);
    expect(child).toMatchObject({ name: 'child', kind: 3, parentSpanId: parent.spanId, traceId: parent.traceId });
    expect(parent.attributes).toContainEqual({ key: 'a.double', value: { doubleValue: 1.5 } });
    expect(parent.attributes).toContainEqual({
      key: 'a.strings',
      value: { arrayValue: { values: [{ stringValue: 'x' }, { stringValue: 'y' }] } },
    });
    const [continued] = resourceSpans.scopeSpans[1].spans;
    // Sampled, with a remote parent: 0x01 | has-is-remote 0x100 | is-remote 0x200.
    expect(continued).toMatchObject({ parentSpanId: 'd'.repeat(16), traceState: 'vendor=value', flags: 0x301 });
  });

  it('an empty batch is an empty request', () => {
    expect(JSON.parse(serializeSpansAsOtlpJson([]))).toEqual({ resourceSpans: [] });
  });
});
