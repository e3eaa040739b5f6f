import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { decisionErrors } from '../../../src/shared/decision-errors.js';
import type { DecisionListItem } from '../api/devtools-api.js';
import { chainSummary, type ListRow } from '../lib/list-rows.js';
import { outcomeTone } from '../lib/outcome-tone.js';
import { scrollToReveal, visibleRange } from '../lib/visible-range.js';
import { gridTemplate, minimumWidth, visibleColumns } from './columns.js';

export const ROW_HEIGHT = 28;
const OVERSCAN = 8;

interface RequestListProps {
  items: readonly ListRow[];
  selectedId: string | null;
  onOpen: (item: DecisionListItem) => void;
  /** What the list says when it has no rows. */
  emptyText: string;
}

/**
 * The requests, newest first, as a grid whose rows all have one height: only the rows in view (plus a few) are in
 * the DOM, so 10k requests scroll as smoothly as 10. Keyboard handling lives in the app; this keeps the selected
 * row in view.
 */
export function RequestList({ items, selectedId, onOpen, emptyText }: RequestListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [width, setWidth] = useState(1200);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => {
      setHeight(element.clientHeight);
      setWidth(element.clientWidth);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A narrow list (the detail open beside it) leaves out its least important columns rather than cutting off the
  // decision at its right edge.
  const columns = useMemo(() => visibleColumns(width), [width]);
  const template = useMemo(() => gridTemplate(columns), [columns]);

  const selectedIndex = selectedId === null ? -1 : items.findIndex((item) => item.id === selectedId);
  useEffect(() => {
    const element = viewport.current;
    if (!element || selectedIndex < 0) return;
    const next = scrollToReveal(selectedIndex, element.scrollTop, element.clientHeight - ROW_HEIGHT, ROW_HEIGHT);
    if (next !== element.scrollTop) element.scrollTop = next;
  }, [selectedIndex]);

  // The header row is sticky inside the viewport: rows start one row height down.
  const { start, end } = visibleRange({
    scrollTop,
    viewportHeight: height - ROW_HEIGHT,
    rowHeight: ROW_HEIGHT,
    count: items.length,
    overscan: OVERSCAN,
  });
  const rows = [];
  for (let index = start; index < end; index++) {
    const item = items[index]!;
    const d = item.decision;
    const selected = item.id === selectedId;
    const chain = item.chain;
    const errorCount = decisionErrors(d).length;
    // A handshake round trip reads as what it led to; a loop as a failure.
    const tone = chain?.loop ? 'denied' : outcomeTone(d.outcome);
    rows.push(
      // A click opens the row's detail beside the list (as a browser's network panel does); the keyboard moves the
      // selection from the app (arrows, j/k) and Enter opens it.
      <tr
        key={item.id}
        className={`row tone-${tone}${chain ? ' chain' : ''}${selected ? ' selected' : ''}`}
        aria-selected={selected}
        data-id={item.id}
        data-outcome={d.outcome ?? ''}
        data-chain-steps={chain ? chain.steps.length : undefined}
        data-loop={chain?.loop ?? undefined}
        data-errors={errorCount > 0 ? errorCount : undefined}
        style={{ top: (index + 1) * ROW_HEIGHT, gridTemplateColumns: template }}
        onClick={() => onOpen(item)}
      >
        {columns.map((column) => {
          const text = chain && column.key === 'decision' ? chainSummary(chain) : column.text(d);
          if (column.key !== 'decision') {
            return (
              <td key={column.key} className={`cell col-${column.key}`} title={text}>
                {text}
              </td>
            );
          }
          // The markers come first and never shrink: a long chain summary gives way (ellipsis), not the loop badge.
          return (
            <td key={column.key} className="cell col-decision" title={text}>
              {chain?.loop && <span className="badge loop">loop</span>}
              {errorCount > 0 && (
                <span className="badge error-marker" title="This request had an error: see the Reason column">
                  error
                </span>
              )}
              <span className="badge outcome">{text}</span>
            </td>
          );
        })}
      </tr>,
    );
  }

  return (
    <div
      ref={viewport}
      className="list"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the list takes focus so the keys act on it after Esc
      tabIndex={0}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <table
        className="list-body"
        aria-label="Requests"
        aria-rowcount={items.length + 1}
        style={{ height: (items.length + 1) * ROW_HEIGHT, minWidth: minimumWidth(columns) }}
      >
        <thead>
          <tr className="row header" style={{ gridTemplateColumns: template }}>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={`cell col-${column.key}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows}</tbody>
      </table>
      {items.length === 0 && <p className="empty">{emptyText}</p>}
    </div>
  );
}
