import type { ReceivedSpan } from '@authlens/devtools';
import { isAuthlensSpanName } from '@authlens/otel';
import { formatDuration } from '../lib/format.js';

/** Spans in tree order (parents before children), each with its depth; orphans (parents not received) at the top. */
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
    for (const child of children.get(span.spanId) ?? []) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return ordered;
}

/** The request's spans on one time axis: where the auth time went. */
export function SpanWaterfall({ spans }: { spans: readonly ReceivedSpan[] }) {
  if (spans.length === 0) return <p className="muted">No spans stored.</p>;
  const start = Math.min(...spans.map((s) => s.startTimeMs));
  const end = Math.max(...spans.map((s) => s.endTimeMs));
  const total = Math.max(end - start, 0.001);
  return (
    <ol className="waterfall" aria-label="Span waterfall">
      {spanTree(spans).map(({ span, depth }) => {
        const left = ((span.startTimeMs - start) / total) * 100;
        const width = Math.max(0.5, ((span.endTimeMs - span.startTimeMs) / total) * 100);
        const kind = span.status.code === 2 ? 'error' : isAuthlensSpanName(span.name) ? 'authlens' : 'other';
        return (
          <li key={`${span.traceId}:${span.spanId}`} className={`span span-${kind}`}>
            <span className="span-name" style={{ paddingLeft: `${depth * 0.9}em` }} title={span.name}>
              {span.name}
            </span>
            <span className="span-track">
              <span className="span-bar" style={{ left: `${left}%`, width: `${width}%` }} />
            </span>
            <span className="span-duration">{formatDuration(span.endTimeMs - span.startTimeMs)}</span>
          </li>
        );
      })}
    </ol>
  );
}
