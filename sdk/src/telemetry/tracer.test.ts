import { ProxyTracerProvider, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { authlensTracer, tracingRegistered } from './tracer.js';

afterEach(() => trace.disable());

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
