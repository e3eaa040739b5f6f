import { type Attributes, type Context, context, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { type DecisionSpan, decisionSpanFromReadableSpan } from '../decision-span.js';
import { INSTRUMENTATION_SCOPE } from '../instrumentation-scope.js';
import type { SpanName } from '../span-names.js';

/** A span to emit, with its children; times are offsets in ms from the start of the recording. */
export interface SpanPlan {
  readonly name: SpanName | string;
  readonly attributes?: Attributes;
  readonly at?: number;
  readonly duration?: number;
  readonly error?: { readonly type: string; readonly message: string };
  readonly children?: readonly SpanPlan[];
}

/** 2026-11-26T10:00:00Z: a fixed clock so "expired 12 s ago" is exact. */
export const RECORDING_START_MS = Date.UTC(2026, 10, 26, 10, 0, 0);

/**
 * Emits the planned spans through a real SDK tracer (BasicTracerProvider → SimpleSpanProcessor →
 * InMemorySpanExporter) and returns what was exported, converted with `decisionSpanFromReadableSpan`. Each element
 * of `traces` is the root list of one trace; parents are passed explicitly (no context manager is registered).
 */
export async function recordSpans(...traces: ReadonlyArray<readonly SpanPlan[]>): Promise<DecisionSpan[]> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer(INSTRUMENTATION_SCOPE, '0.0.0-test');
  for (const roots of traces) {
    // One synthetic root per trace keeps the plan's roots in the same trace; it is not an authlens span.
    const traceRoot = tracer.startSpan('test.trace', { startTime: RECORDING_START_MS });
    const rootContext = trace.setSpan(context.active(), traceRoot);
    for (const plan of roots) emit(tracer, plan, rootContext);
    traceRoot.end(RECORDING_START_MS + 10_000);
  }
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans().map(decisionSpanFromReadableSpan);
  await provider.shutdown();
  return spans;
}

function emit(tracer: Tracer, plan: SpanPlan, parent: Context): void {
  const start = RECORDING_START_MS + (plan.at ?? 0);
  const span = tracer.startSpan(plan.name, { startTime: start, attributes: plan.attributes ?? {} }, parent);
  if (plan.error) {
    span.setAttribute('error.type', plan.error.type);
    span.setStatus({ code: SpanStatusCode.ERROR, message: plan.error.message });
  }
  const own = trace.setSpan(parent, span);
  for (const child of plan.children ?? []) emit(tracer, child, own);
  span.end(start + (plan.duration ?? 1));
}
