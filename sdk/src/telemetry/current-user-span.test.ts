import { AttributeName as A, DedupeResult, Metric, PendingPolicy, SpanName } from '@authlens/otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCurrentUser } from './current-user-span.js';
import { type RecordedTelemetry, recordTelemetry } from './test-support/record-telemetry.js';
import { authlensTracer } from './tracer.js';

let telemetry: RecordedTelemetry;
beforeAll(() => {
  telemetry = recordTelemetry();
});
afterAll(() => telemetry.stop());

describe('authlens.current_user', () => {
  it('request id, user id, pending policy and how the dedupe served it; counted by dedupe result', async () => {
    const linked: string[] = [];
    for (const dedupe of [DedupeResult.miss, DedupeResult.hit, DedupeResult.hit, DedupeResult.joined]) {
      const span = authlensTracer().startSpan(SpanName.currentUser);
      recordCurrentUser(span, 'req_1', 'user_1', dedupe, PendingPolicy.as_signed_in, (s) =>
        linked.push(s.spanContext().spanId),
      );
      span.end();
    }
    const spans = telemetry.spansNamed(SpanName.currentUser);
    expect(spans.map((s) => s.attributes[A.dedupeResult])).toEqual(['miss', 'hit', 'hit', 'joined']);
    expect(spans[0]!.attributes).toEqual({
      [A.requestId]: 'req_1',
      [A.userId]: 'user_1',
      [A.pendingPolicy]: 'as_signed_in',
      [A.dedupeResult]: 'miss',
    });
    expect(linked).toHaveLength(4);
    const points = (await telemetry.metricPoints()).filter((p) => p.name === Metric.currentUserDedupe.name);
    expect(points).toEqual(
      expect.arrayContaining([
        { name: Metric.currentUserDedupe.name, attributes: { [A.dedupeResult]: 'hit' }, value: 2 },
        { name: Metric.currentUserDedupe.name, attributes: { [A.dedupeResult]: 'miss' }, value: 1 },
        { name: Metric.currentUserDedupe.name, attributes: { [A.dedupeResult]: 'joined' }, value: 1 },
      ]),
    );
  });

  it('signed out: no user id, no dedupe, nothing counted', async () => {
    telemetry.reset();
    const span = authlensTracer().startSpan(SpanName.currentUser);
    recordCurrentUser(span, 'req_2', null, null, PendingPolicy.as_signed_out, () => {});
    span.end();
    expect(telemetry.spansNamed(SpanName.currentUser)[0]!.attributes).toEqual({
      [A.requestId]: 'req_2',
      [A.pendingPolicy]: 'as_signed_out',
    });
    expect((await telemetry.metricPoints()).filter((p) => p.name === Metric.currentUserDedupe.name)).toEqual([]);
  });
});
