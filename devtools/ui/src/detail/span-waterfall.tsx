import type { ReceivedSpan } from '@authlens/devtools';
import { isAuthlensSpanName } from '@authlens/otel';
import { useState } from 'react';
import { formatDuration } from '../lib/format.js';

const byStart = (a: ReceivedSpan, b: ReceivedSpan) => a.startTimeMs - b.startTimeMs || a.endTimeMs - b.endTimeMs;

/**
 * Spans in tree order (parents before children, siblings by start time), each with its depth; orphans (parents not
 * received) are roots, also by start time.
 */
export function spanTree(spans: readonly ReceivedSpan[]): { span: ReceivedSpan; depth: number }[] {
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string, ReceivedSpan[]>();
  const roots: ReceivedSpan[] = [];
  for (const span of spans) {
    if (span.parentSpanId && ids.has(span.parentSpanId)) {
      const list = children.get(span.parentSpanId) ?? [];
      list.push(span);
      children.set(span.parentSpanId, list);
    } else roots.push(span);
  }
  const ordered: { span: ReceivedSpan; depth: number }[] = [];
  const visit = (span: ReceivedSpan, depth: number) => {
    ordered.push({ span, depth });
    for (const child of (children.get(span.spanId) ?? []).sort(byStart)) visit(child, depth + 1);
  };
  for (const root of roots.sort(byStart)) visit(root, 0);
  return ordered;
}

/**
 * Where each span's bar goes, in % of the track: roots on the trace's axis, a child within its parent's bar (clamped,
 * so a child reported by another process with a slightly different clock never sticks out of its parent).
 */
export function barLayout(spans: readonly ReceivedSpan[]): Map<string, { left: number; width: number }> {
  const start = Math.min(...spans.map((s) => s.startTimeMs));
  const end = Math.max(...spans.map((s) => s.endTimeMs));
  const total = Math.max(end - start, 0.001);
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const layout = new Map<string, { left: number; width: number }>();
  for (const { span } of spanTree(spans)) {
    const parent = span.parentSpanId ? layout.get(span.parentSpanId) : undefined;
    let left = ((span.startTimeMs - start) / total) * 100;
    let right = ((span.endTimeMs - start) / total) * 100;
    if (parent && byId.has(span.parentSpanId!)) {
      left = Math.min(Math.max(left, parent.left), parent.left + parent.width);
      right = Math.min(Math.max(right, left), parent.left + parent.width);
    }
    const width = Math.max(0.5, right - left);
    // A very short child drawn at the minimum width still ends where its parent ends, not beyond.
    if (parent && left + width > parent.left + parent.width)
      left = Math.max(parent.left, parent.left + parent.width - width);
    layout.set(span.spanId, { left, width });
  }
  return layout;
}

/** The request's spans on one time axis: where the auth time went. A click on a span opens its attributes. */
export function SpanWaterfall({ spans }: { spans: readonly ReceivedSpan[] }) {
  const [open, setOpen] = useState<string | null>(null);
  if (spans.length === 0) return <p className="muted">No spans stored.</p>;
  const layout = barLayout(spans);
  return (
    <ol className="waterfall" aria-label="Span waterfall">
      {spanTree(spans).map(({ span, depth }) => {
        const bar = layout.get(span.spanId)!;
        const kind = span.status.code === 2 ? 'error' : isAuthlensSpanName(span.name) ? 'authlens' : 'other';
        const key = `${span.traceId}:${span.spanId}`;
        const expanded = open === key;
        return (
          <li key={key} className={`span span-${kind}`} data-span-name={span.name}>
            <button
              type="button"
              className="span-row"
              aria-expanded={expanded}
              onClick={() => setOpen(expanded ? null : key)}
            >
              <span className="span-name" style={{ paddingLeft: `${depth * 0.9}em` }} title={span.name}>
                {span.name}
              </span>
              <span className="span-track">
                <span className="span-bar" style={{ left: `${bar.left}%`, width: `${bar.width}%` }} />
              </span>
              <span className="span-duration">{formatDuration(span.endTimeMs - span.startTimeMs)}</span>
            </button>
            {expanded && (
              // Secrets were never recorded (the contract forbids them), so every attribute can be shown.
              <dl className="span-attributes" aria-label={`Attributes of ${span.name}`}>
                {span.status.message && (
                  <div>
                    <dt>status</dt>
                    <dd>{span.status.message}</dd>
                  </div>
                )}
                {Object.entries(span.attributes)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([name, value]) => (
                    <div key={name}>
                      <dt>{name}</dt>
                      <dd>{Array.isArray(value) ? value.join(', ') : String(value)}</dd>
                    </div>
                  ))}
              </dl>
            )}
          </li>
        );
      })}
    </ol>
  );
}
