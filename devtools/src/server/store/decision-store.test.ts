import { AttributeName as A, Outcome, ProtectRequirementKind, Reason, SpanName } from '@authlens/otel';
import { describe, expect, it } from 'vitest';
import { middlewareSpan, span, traceId } from '../test-support/received-spans.js';
import { type DecisionChange, DecisionStore } from './decision-store.js';

const ids = (store: DecisionStore) => [...store.newestFirst()].map((entry) => entry.id);
const kinds = (changes: DecisionChange[]) =>
  changes.map((change) => `${change.type}:${change.type === 'removed' ? change.id : change.entry.id}`);

describe('DecisionStore', () => {
  it('assembles a decision per request, newest first', () => {
    const store = new DecisionStore({ maxRequests: 10 });
    const changes = store.ingest([
      middlewareSpan(traceId(), 'req_1', { startTimeMs: 1000 }),
      middlewareSpan(traceId(), 'req_2', { startTimeMs: 2000 }),
    ]);
    expect(kinds(changes)).toEqual(['new:req_1', 'new:req_2']);
    expect(ids(store)).toEqual(['req_2', 'req_1']);
    expect(store.get('req_1')?.decision).toMatchObject({ outcome: Outcome.signed_in, path: '/dashboard' });
  });

  it('re-assembles a trace whose spans arrive in several batches, and reports the update', () => {
    const store = new DecisionStore({ maxRequests: 10 });
    const trace = traceId();
    const middleware = middlewareSpan(trace, 'req_1', { userId: 'user_1' });
    store.ingest([middleware]);
    const protect = span(
      {
        traceId: trace,
        name: SpanName.protect,
        parentSpanId: middleware.spanId,
        startTimeMs: middleware.startTimeMs + 1,
      },
      {
        [A.requestId]: 'req_1',
        [A.protectRequirementKind]: ProtectRequirementKind.role,
        [A.protectRequirementValue]: 'org:admin',
        [A.outcome]: Outcome.not_found,
        [A.reason]: Reason.role_missing,
      },
    );
    const changes = store.ingest([protect]);
    expect(kinds(changes)).toEqual(['updated:req_1']);
    expect(store.get('req_1')?.decision).toMatchObject({ outcome: Outcome.not_found, reason: Reason.role_missing });
    expect(store.spansOf(store.get('req_1')!).map((s) => s.spanId)).toEqual([middleware.spanId, protect.spanId]);

    // The same spans again (an exporter retry) change nothing.
    expect(store.ingest([middleware, protect])).toEqual([]);
    expect(store.stats().spans).toBe(2);
  });

  it('joins a request spread over two traces by its request id', () => {
    const store = new DecisionStore({ maxRequests: 10 });
    const middlewareTrace = traceId();
    const renderTrace = traceId();
    store.ingest([middlewareSpan(middlewareTrace, 'req_1', { userId: 'user_1' })]);
    store.ingest([
      span(
        { traceId: renderTrace, name: SpanName.protect, startTimeMs: Date.UTC(2026, 10, 26, 10, 0, 1) },
        { [A.requestId]: 'req_1', [A.outcome]: Outcome.allowed, [A.reason]: Reason.authorized },
      ),
    ]);
    expect(ids(store)).toEqual(['req_1']);
    const entry = store.get('req_1')!;
    expect(entry.decision.traceIds).toEqual([middlewareTrace, renderTrace]);
    expect(entry.decision.outcome).toBe(Outcome.allowed);
    expect(store.get(renderTrace)).toBe(entry); // deep link by either trace id
    expect(store.get(middlewareTrace)).toBe(entry);
  });

  it('replaces a decision first keyed by trace once its request id shows up', () => {
    const store = new DecisionStore({ maxRequests: 10 });
    const trace = traceId();
    const root = span({ traceId: trace, name: 'GET /dashboard' }, { [A.requestId]: 'req_1' });
    const verify = span({ traceId: trace, name: SpanName.tokenVerify, parentSpanId: 'ffffffffffffffff' }, {});
    expect(kinds(store.ingest([verify]))).toEqual([`new:${trace}`]);
    const changes = store.ingest([{ ...root, spanId: 'ffffffffffffffff' }]);
    expect(kinds(changes).sort()).toEqual(['new:req_1', `removed:${trace}`]);
    expect(ids(store)).toEqual(['req_1']);
  });

  it('keeps at most maxRequests decisions, evicting the oldest with its spans', () => {
    const store = new DecisionStore({ maxRequests: 3 });
    const traces = Array.from({ length: 5 }, () => traceId());
    const changes = traces.flatMap((trace, i) => store.ingest([middlewareSpan(trace, `req_${i}`)]));
    expect(kinds(changes)).toEqual([
      'new:req_0',
      'new:req_1',
      'new:req_2',
      'new:req_3',
      'removed:req_0',
      'new:req_4',
      'removed:req_1',
    ]);
    expect(ids(store)).toEqual(['req_4', 'req_3', 'req_2']);
    expect(store.stats()).toMatchObject({ decisions: 3, traces: 3, spans: 3, evictedDecisions: 2 });
    expect(store.get(traces[0]!)).toBeUndefined();
  });

  it('bounds traces without any authlens span, and spans per trace', () => {
    const store = new DecisionStore({ maxRequests: 10, maxTracesWithoutDecision: 2, maxSpansPerTrace: 3 });
    for (let i = 0; i < 5; i++) store.ingest([span({ traceId: traceId(), name: 'GET /health' })]);
    expect(store.stats()).toMatchObject({ decisions: 0, traces: 2, spans: 2 });

    const trace = traceId();
    store.ingest(Array.from({ length: 5 }, () => span({ traceId: trace, name: 'render' })));
    expect(store.stats()).toMatchObject({ droppedSpans: 2 });
  });

  it('notifies subscribers of what changed, until they unsubscribe', () => {
    const store = new DecisionStore({ maxRequests: 10 });
    const seen: string[] = [];
    const unsubscribe = store.subscribe((changes) => seen.push(...kinds([...changes])));
    store.ingest([middlewareSpan(traceId(), 'req_1')]);
    expect(store.stats().subscribers).toBe(1);
    unsubscribe();
    store.ingest([middlewareSpan(traceId(), 'req_2')]);
    expect(seen).toEqual(['new:req_1']);
    expect(store.stats().subscribers).toBe(0);
  });
});
