import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { expect, it } from 'vitest';
import { decisionSpanFromReadableSpan, SpanStatusCodeNumber } from './decision-span.js';

it('decisionSpanFromReadableSpan keeps ids, parent, times in ms, attributes and status of an SDK span', async () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('test');
  const parent = tracer.startSpan('parent', { startTime: 1_700_000_000_000 });
  const child = tracer.startSpan(
    'child',
    { startTime: 1_700_000_000_250, attributes: { 'user.id': 'user_1' } },
    trace.setSpan(context.active(), parent),
  );
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  child.end(1_700_000_000_257.5);
  parent.end(1_700_000_001_000);

  const [converted] = exporter.getFinishedSpans().map(decisionSpanFromReadableSpan);
  expect(converted).toEqual({
    name: 'child',
    traceId: parent.spanContext().traceId,
    spanId: child.spanContext().spanId,
    parentSpanId: parent.spanContext().spanId,
    startTimeMs: 1_700_000_000_250,
    endTimeMs: 1_700_000_000_257.5,
    attributes: { 'user.id': 'user_1' },
    status: { code: SpanStatusCodeNumber.error, message: 'boom' },
  });
  await provider.shutdown();
});
