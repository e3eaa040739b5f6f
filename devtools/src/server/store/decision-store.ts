import {
  AttributeName,
  assembleDecisions,
  type DecisionRecord,
  type DecisionSpan,
  isAuthlensSpanName,
} from '@authlens/otel';
import type { ReceivedSpan } from '../otlp/received-span.js';
import { OrderedRing } from './ordered-ring.js';

/** A decision as the store keeps it. `id` is the request id, or the trace id when the request has none. */
export interface StoredDecision {
  id: string;
  /** Order of first arrival; the API lists newest first by it and pages with it. */
  seq: number;
  receivedAtMs: number;
  updatedAtMs: number;
  decision: DecisionRecord;
}

/** What one ingest changed, in order: for the live stream. */
export type DecisionChange =
  | { type: 'new'; entry: StoredDecision }
  | { type: 'updated'; entry: StoredDecision }
  | { type: 'removed'; id: string };

export interface DecisionStoreOptions {
  /** Decisions kept at most; the oldest (by first arrival) is evicted, with its spans. */
  maxRequests: number;
  /** Spans kept per trace at most; later ones are dropped and counted. Default 2000. */
  maxSpansPerTrace?: number;
  /** Traces with no authlens decision (other services' spans) kept at most. Default `maxRequests`. */
  maxTracesWithoutDecision?: number;
  now?: () => number;
}

export interface DecisionStoreStats {
  decisions: number;
  traces: number;
  spans: number;
  evictedDecisions: number;
  droppedSpans: number;
  /** Live subscribers (open `/api/stream` connections). */
  subscribers: number;
}

interface TraceEntry {
  spans: Map<string, ReceivedSpan>;
  /** How many of the spans are authlens spans: a trace without any yields no decision and is not assembled. */
  authlensSpans: number;
  requestIds: Set<string>;
  decisionIds: Set<string>;
}

/**
 * The in-memory store: spans by trace, and the decisions assembled from them with the contract's
 * `assembleDecisions`. Spans of one request may arrive in several batches and even in several traces (linked by
 * `authlens.request.id`); every batch re-assembles the traces it touches, so a decision is updated as its spans
 * arrive. Bounded: a ring of `maxRequests` decisions, spans per trace, and traces that yield no decision.
 */
export class DecisionStore {
  readonly #ring: OrderedRing<StoredDecision>;
  readonly #byId = new Map<string, StoredDecision>();
  readonly #traces = new Map<string, TraceEntry>();
  readonly #tracesByRequestId = new Map<string, Set<string>>();
  /** Insertion-ordered, oldest first; re-touched traces move to the end. */
  readonly #tracesWithoutDecision = new Set<string>();
  readonly #maxSpansPerTrace: number;
  readonly #maxTracesWithoutDecision: number;
  readonly #now: () => number;
  readonly #listeners = new Set<(changes: readonly DecisionChange[]) => void>();
  #spanCount = 0;
  #evicted = 0;
  #droppedSpans = 0;

  constructor(options: DecisionStoreOptions) {
    this.#ring = new OrderedRing(options.maxRequests);
    this.#maxSpansPerTrace = options.maxSpansPerTrace ?? 2000;
    this.#maxTracesWithoutDecision = options.maxTracesWithoutDecision ?? options.maxRequests;
    this.#now = options.now ?? Date.now;
  }

  /** Adds spans (re-sent spans replace their earlier copy), re-assembles the touched traces, returns the changes. */
  ingest(spans: readonly ReceivedSpan[]): DecisionChange[] {
    if (spans.length === 0) return [];
    const touched = new Set<string>();
    for (const span of spans) {
      let trace = this.#traces.get(span.traceId);
      if (!trace) {
        trace = { spans: new Map(), authlensSpans: 0, requestIds: new Set(), decisionIds: new Set() };
        this.#traces.set(span.traceId, trace);
      }
      if (!trace.spans.has(span.spanId)) {
        if (trace.spans.size >= this.#maxSpansPerTrace) {
          this.#droppedSpans++;
          continue;
        }
        this.#spanCount++;
        if (isAuthlensSpanName(span.name)) trace.authlensSpans++;
      }
      trace.spans.set(span.spanId, span);
      touched.add(span.traceId);
      const requestId = span.attributes[AttributeName.requestId];
      if (typeof requestId === 'string' && requestId !== '') {
        trace.requestIds.add(requestId);
        const traceIds = this.#tracesByRequestId.get(requestId) ?? new Set<string>();
        traceIds.add(span.traceId);
        this.#tracesByRequestId.set(requestId, traceIds);
      }
    }
    return this.#reassemble(touched);
  }

  /** Stored decisions newest first (by first arrival), from below the `beforeSeq` cursor when given. */
  newestFirst(beforeSeq?: number): IterableIterator<StoredDecision> {
    return this.#ring.newestFirst(beforeSeq);
  }

  /** A decision by its id (request id), or else the first decision of the trace with that id. */
  get(idOrTraceId: string): StoredDecision | undefined {
    const direct = this.#byId.get(idOrTraceId);
    if (direct) return direct;
    const trace = this.#traces.get(idOrTraceId.toLowerCase());
    if (!trace) return undefined;
    const entries = [...trace.decisionIds].flatMap((id) => this.#byId.get(id) ?? []);
    return entries.sort((a, b) => a.decision.startTimeMs - b.decision.startTimeMs)[0];
  }

  /** Every span of the traces the decision's spans are in (its own and the surrounding ones), by start time. */
  spansOf(entry: StoredDecision): ReceivedSpan[] {
    const spans = entry.decision.traceIds.flatMap((traceId) => [...(this.#traces.get(traceId)?.spans.values() ?? [])]);
    return spans.sort((a, b) => a.startTimeMs - b.startTimeMs || a.endTimeMs - b.endTimeMs);
  }

  /** Every span held, trace by trace (what persistence compacts to). */
  *allSpans(): IterableIterator<ReceivedSpan> {
    for (const trace of this.#traces.values()) yield* trace.spans.values();
  }

  subscribe(listener: (changes: readonly DecisionChange[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stats(): DecisionStoreStats {
    return {
      decisions: this.#ring.size,
      traces: this.#traces.size,
      spans: this.#spanCount,
      evictedDecisions: this.#evicted,
      droppedSpans: this.#droppedSpans,
      subscribers: this.#listeners.size,
    };
  }

  #reassemble(touched: Set<string>): DecisionChange[] {
    // A request can span traces (middleware and render linked by request id): assemble them together.
    const group = new Set(touched);
    for (const traceId of touched) {
      for (const requestId of this.#traces.get(traceId)!.requestIds) {
        for (const linked of this.#tracesByRequestId.get(requestId) ?? []) group.add(linked);
      }
    }
    const previousIds = new Set<string>();
    const spans: DecisionSpan[] = [];
    let authlensSpans = 0;
    for (const traceId of group) {
      const trace = this.#traces.get(traceId);
      if (!trace) continue;
      authlensSpans += trace.authlensSpans;
      for (const id of trace.decisionIds) previousIds.add(id);
      for (const span of trace.spans.values()) spans.push(toDecisionSpan(span));
    }
    const assembled = authlensSpans === 0 ? [] : assembleDecisions(spans);

    const changes: DecisionChange[] = [];
    const now = this.#now();
    const seen = new Set<string>();
    for (const decision of assembled) {
      const id = decision.requestId ?? decision.traceId;
      seen.add(id);
      const existing = this.#byId.get(id);
      if (existing) {
        if (sameDecision(existing.decision, decision)) continue;
        this.#unindex(existing);
        existing.decision = decision;
        existing.updatedAtMs = now;
        this.#index(existing);
        changes.push({ type: 'updated', entry: existing });
      } else {
        const entry: StoredDecision = { id, seq: 0, receivedAtMs: now, updatedAtMs: now, decision };
        this.#byId.set(id, entry);
        this.#index(entry);
        changes.push({ type: 'new', entry });
        for (const evicted of this.#ring.push(entry)) {
          this.#evicted++;
          this.#drop(evicted);
          changes.push({ type: 'removed', id: evicted.id });
        }
      }
    }
    // A decision first assembled from part of its spans (say, keyed by trace) may now be part of another one.
    for (const id of previousIds) {
      const stale = this.#byId.get(id);
      if (seen.has(id) || !stale) continue;
      this.#ring.remove(stale);
      this.#drop(stale);
      changes.push({ type: 'removed', id });
    }
    for (const traceId of touched) {
      this.#tracesWithoutDecision.delete(traceId);
      if (this.#traces.get(traceId)?.decisionIds.size === 0) this.#tracesWithoutDecision.add(traceId);
    }
    this.#boundTracesWithoutDecision();

    // An evicted decision may have been created and evicted in the same batch: report what survives.
    const live = changes.filter(
      (change) => change.type === 'removed' || this.#byId.get(change.entry.id) === change.entry,
    );
    if (live.length > 0) for (const listener of this.#listeners) listener(live);
    return live;
  }

  #index(entry: StoredDecision): void {
    for (const traceId of entry.decision.traceIds) this.#traces.get(traceId)?.decisionIds.add(entry.id);
  }

  #unindex(entry: StoredDecision): void {
    for (const traceId of entry.decision.traceIds) this.#traces.get(traceId)?.decisionIds.delete(entry.id);
  }

  /** Forgets a decision; its traces go with it once no other decision needs them. */
  #drop(entry: StoredDecision): void {
    this.#byId.delete(entry.id);
    this.#unindex(entry);
    for (const traceId of entry.decision.traceIds) {
      const trace = this.#traces.get(traceId);
      if (trace && trace.decisionIds.size === 0) this.#forgetTrace(traceId, trace);
    }
  }

  #forgetTrace(traceId: string, trace: TraceEntry): void {
    this.#traces.delete(traceId);
    this.#tracesWithoutDecision.delete(traceId);
    this.#spanCount -= trace.spans.size;
    for (const requestId of trace.requestIds) {
      const traceIds = this.#tracesByRequestId.get(requestId);
      traceIds?.delete(traceId);
      if (traceIds?.size === 0) this.#tracesByRequestId.delete(requestId);
    }
  }

  #boundTracesWithoutDecision(): void {
    for (const traceId of this.#tracesWithoutDecision) {
      if (this.#tracesWithoutDecision.size <= this.#maxTracesWithoutDecision) break;
      this.#tracesWithoutDecision.delete(traceId);
      const trace = this.#traces.get(traceId);
      if (trace && trace.decisionIds.size === 0) this.#forgetTrace(traceId, trace);
    }
  }
}

/**
 * The contract's structural span. Attribute values from the network may be shapes OpenTelemetry attributes never
 * have (null, key/value lists); the contract reads every attribute through type guards, so they pass as they are.
 */
function toDecisionSpan(span: ReceivedSpan): DecisionSpan {
  return {
    name: span.name,
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    startTimeMs: span.startTimeMs,
    endTimeMs: span.endTimeMs,
    attributes: span.attributes as DecisionSpan['attributes'],
    status: span.status,
  };
}

/**
 * Whether re-assembly changed nothing. New spans of the request (the usual case) change `spanIds`, which is cheap
 * to compare; only when the same spans came again (an exporter retry) is the whole record compared.
 */
function sameDecision(before: DecisionRecord, after: DecisionRecord): boolean {
  if (before.spanIds.length !== after.spanIds.length) return false;
  for (let i = 0; i < before.spanIds.length; i++) if (before.spanIds[i] !== after.spanIds[i]) return false;
  return jsonEqual(before, after);
}

/** Deep equality of JSON-like values (what decision records are). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  for (const key of aKeys) {
    if (!jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
