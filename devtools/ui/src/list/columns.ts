import { type DecisionRecord, ProtectRequirementKind } from '@authlens/otel';
import { decisionErrors } from '../../../src/shared/decision-errors.js';
import { sessionStatusOf } from '../../../src/shared/session-status.js';
import { formatClock, formatDuration, words } from '../lib/format.js';

export interface Column {
  key: string;
  label: string;
  /** The least width the column needs, px (the grid track never goes below it). */
  minWidth: number;
  /** How much of the rest it takes (0: exactly `minWidth`). */
  grow: number;
  /**
   * Which columns give way first when the list is narrow (the detail open beside it, a small window): the highest
   * number goes first. The decision, the path and the reason stay longest: they are what a glance at the list is for.
   */
  priority: number;
  text: (d: DecisionRecord) => string;
}

/** The list's columns, left to right. */
export const COLUMNS: readonly Column[] = [
  { key: 'time', label: 'Time', minWidth: 110, grow: 0, priority: 4, text: (d) => formatClock(d.startTimeMs) },
  { key: 'method', label: 'Method', minWidth: 72, grow: 0, priority: 5, text: (d) => d.method ?? '—' },
  { key: 'path', label: 'Path', minWidth: 130, grow: 2, priority: 2, text: (d) => d.path ?? d.route ?? '—' },
  { key: 'kind', label: 'Kind', minWidth: 98, grow: 0, priority: 8, text: (d) => words(d.requestKind) },
  {
    key: 'user',
    label: 'User',
    minWidth: 91,
    grow: 1,
    priority: 6,
    text: (d) => (d.userId ? `${d.userId}${d.userName ? ` (${d.userName})` : ''}` : '—'),
  },
  {
    key: 'org',
    label: 'Org',
    minWidth: 117,
    grow: 1,
    priority: 13,
    text: (d) => (d.orgId ? `${d.orgId}${d.orgRole ? ` (${d.orgRole})` : ''}` : '—'),
  },
  {
    key: 'session',
    label: 'Session',
    minWidth: 72,
    grow: 0,
    priority: 9,
    text: (d) => words(sessionStatusOf(d)),
  },
  { key: 'token', label: 'Token', minWidth: 111, grow: 0, priority: 11, text: (d) => words(d.tokenType) },
  { key: 'decision', label: 'Decision', minWidth: 234, grow: 0, priority: 1, text: (d) => decisionText(d) },
  { key: 'reason', label: 'Reason', minWidth: 104, grow: 1, priority: 3, text: (d) => reasonText(d) },
  { key: 'protect', label: 'Protect', minWidth: 104, grow: 1, priority: 10, text: (d) => protectText(d) },
  { key: 'latency', label: 'Auth', minWidth: 65, grow: 0, priority: 12, text: (d) => formatDuration(d.authLatencyMs) },
  { key: 'backend', label: 'API calls', minWidth: 98, grow: 0, priority: 7, text: (d) => backendText(d) },
];

/**
 * The columns that fit in `width` px, in their order: the lowest-priority ones are left out until the rest fit. The
 * first (most important) column always stays, even when it alone is too wide (the list then scrolls sideways).
 */
export function visibleColumns(width: number, columns: readonly Column[] = COLUMNS): Column[] {
  const byPriority = [...columns].sort((a, b) => a.priority - b.priority);
  const kept = new Set<Column>();
  let used = 0;
  for (const column of byPriority) {
    if (kept.size > 0 && used + column.minWidth > width) break;
    kept.add(column);
    used += column.minWidth;
  }
  return columns.filter((column) => kept.has(column));
}

/** The CSS grid tracks of `columns`. */
export function gridTemplate(columns: readonly Column[]): string {
  return columns
    .map((column) => (column.grow > 0 ? `minmax(${column.minWidth}px, ${column.grow}fr)` : `${column.minWidth}px`))
    .join(' ');
}

/** The least width `columns` need, px. */
export function minimumWidth(columns: readonly Column[]): number {
  return columns.reduce((sum, column) => sum + column.minWidth, 0);
}

function decisionText(d: DecisionRecord): string {
  const outcome = words(d.outcome);
  return d.statusCode !== null ? `${outcome} (${d.statusCode})` : outcome;
}

function protectText(d: DecisionRecord): string {
  const call = d.protect;
  if (!call) return '—';
  const requirement =
    call.requirementValue ??
    (call.requirementKind && call.requirementKind !== ProtectRequirementKind.none ? call.requirementKind : '');
  return `${requirement ? `${requirement} → ` : ''}${words(call.outcome)}`;
}

function backendText(d: DecisionRecord): string {
  if (d.backendCalls.length === 0) return '0';
  const remaining = d.backendCalls.findLast((call) => call.rateLimitRemaining !== null)?.rateLimitRemaining;
  return remaining === undefined || remaining === null
    ? String(d.backendCalls.length)
    : `${d.backendCalls.length} (${remaining} left)`;
}

/** The first error code when the request had one (it is why the request went wrong), else the decision's reason. */
function reasonText(d: DecisionRecord): string {
  const errors = decisionErrors(d);
  if (errors.length > 0) return errors.map((error) => error.code).join(', ');
  return words(d.reason);
}
