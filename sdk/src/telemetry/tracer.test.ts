import { setAuthlensProviders } from '@authlens/otel';
import { createNoopMeter, metrics, ProxyTracerProvider, trace } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { authlensMeter, authlensTracer, tracingRegistered } from './tracer.js';

afterEach(() => {
  trace.disable();
  setAuthlensProviders(undefined);
});

describe('tracingRegistered', () => {
  it('is false while no tracer provider is registered, true once one is, false again after it is removed', () => {
    expect(tracingRegistered()).toBe(false);
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    expect(tracingRegistered()).toBe(true);
    const span = authlensTracer().startSpan('probe');
    expect(span.isRecording()).toBe(true);
    span.end();
    trace.disable();
    expect(tracingRegistered()).toBe(false);
  });

  it('counts a provider it cannot see through (another copy of the API) as registered', () => {
    // The API's own proxy with a delegate stands for any provider that is not this copy's proxy.
    const foreign = new ProxyTracerProvider();
    foreign.setDelegate(new BasicTracerProvider());
    trace.setGlobalTracerProvider(foreign);
    expect(tracingRegistered()).toBe(true);
  });
});

describe('providers kept for authlens', () => {
  it('are used before the globals, while the globals stay empty for everyone else', () => {
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const meterProvider = new MeterProvider();
    setAuthlensProviders({ tracerProvider, meterProvider });
    expect(tracingRegistered()).toBe(true);
    authlensTracer().startSpan('probe').end();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['probe']);
    expect(authlensMeter()).not.toBeInstanceOf(createNoopMeter().constructor);
    // Anyone else asking the API (Next.js) still finds no provider.
    expect(trace.getTracer('next.js').startSpan('other').isRecording()).toBe(false);
    expect(metrics.getMeter('other')).toBeInstanceOf(createNoopMeter().constructor);
    setAuthlensProviders(undefined);
    expect(tracingRegistered()).toBe(false);
    expect(authlensTracer().startSpan('after').isRecording()).toBe(false);
  });
});
