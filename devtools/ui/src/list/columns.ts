import { type DecisionRecord, ProtectRequirementKind } from '@authlens/otel';
import { decisionErrors } from '../../../src/shared/decision-errors.js';
import { sessionStatusOf } from '../../../src/shared/session-status.js';
import { formatClock, formatDuration, words } from '../lib/format.js';

export interface Column {
  key: string;
  label: string;
  /** CSS grid track. */
  width: string;
  text: (d: DecisionRecord) => string;
}

/** The list's columns, left to right. */
export const COLUMNS: readonly Column[] = [
  { key: 'time', label: 'Time', width: '8.5em', text: (d) => formatClock(d.startTimeMs) },
  { key: 'method', label: 'Method', width: '5.5em', text: (d) => d.method ?? '—' },
  { key: 'path', label: 'Path', width: 'minmax(10em, 2fr)', text: (d) => d.path ?? d.route ?? '—' },
  { key: 'kind', label: 'Kind', width: '7.5em', text: (d) => words(d.requestKind) },
  {
    key: 'user',
    label: 'User',
    width: 'minmax(7em, 1fr)',
    text: (d) => (d.userId ? `${d.userId}${d.userName ? ` (${d.userName})` : ''}` : '—'),
  },
  {
    key: 'org',
    label: 'Org',
    width: 'minmax(9em, 1fr)',
    text: (d) => (d.orgId ? `${d.orgId}${d.orgRole ? ` (${d.orgRole})` : ''}` : '—'),
  },
  { key: 'session', label: 'Session', width: '5.5em', text: (d) => words(sessionStatusOf(d)) },
  { key: 'token', label: 'Token', width: '8.5em', text: (d) => words(d.tokenType) },
  { key: 'decision', label: 'Decision', width: '18em', text: (d) => decisionText(d) },
  { key: 'reason', label: 'Reason', width: 'minmax(8em, 1fr)', text: (d) => reasonText(d) },
  { key: 'protect', label: 'Protect', width: 'minmax(8em, 1fr)', text: (d) => protectText(d) },
  { key: 'latency', label: 'Auth', width: '5em', text: (d) => formatDuration(d.authLatencyMs) },
  { key: 'backend', label: 'API calls', width: '7.5em', text: (d) => backendText(d) },
];

export const GRID_TEMPLATE = COLUMNS.map((column) => column.width).join(' ');

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
