import { type MiddlewarePass, Outcome, Reason } from '@authlens/otel';
import { describe, expect, it } from 'vitest';
import type { DecisionListItem } from '../api/devtools-api.js';
import { chainSummary, listRows } from './list-rows.js';
import { testRecord } from './test-record.js';

const pass = (startTimeMs: number, outcome: Outcome, reason: Reason, sessionId: string | null): MiddlewarePass => ({
  spanId: `s${startTimeMs}`,
  startTimeMs,
  endTimeMs: startTimeMs + 5,
  path: '/dashboard',
  sessionId,
  outcome,
  reason,
  statusCode: outcome === Outcome.handshake ? 307 : null,
});

function item(id: string, passes: MiddlewarePass[], fields: Parameters<typeof testRecord>[0] = {}): DecisionListItem {
  const last = passes.at(-1)!;
  const decision = testRecord({
    requestId: id,
    startTimeMs: passes[0]!.startTimeMs,
    endTimeMs: last.endTimeMs,
    method: 'GET',
    path: '/dashboard',
    sessionId: last.sessionId,
    outcome: last.outcome,
    reason: last.reason,
    middlewarePasses: passes,
    ...fields,
  });
  return { id, receivedAtMs: 0, updatedAtMs: 0, decision };
}

// Newest first, as the list holds them.
const clean = item('rid_2', [pass(60, Outcome.signed_in, Reason.valid_token, 'sess_1')]);
const roundTrip = item('rid_1', [
  pass(0, Outcome.handshake, Reason.expired, null),
  pass(40, Outcome.signed_in, Reason.valid_token, 'sess_1'),
]);
const unrelated = item('rid_0', [pass(-5_000, Outcome.signed_out, Reason.missing_token, null)], {
  path: '/elsewhere',
});
const all = () => true;

describe('listRows', () => {
  it('folds the handshake round trip and the request it led to into one row, in the first request’s place', () => {
    const rows = listRows([clean, roundTrip, unrelated], all);
    expect(rows.map((row) => row.id)).toEqual(['rid_1', 'rid_0']);
    expect(rows[0]!.chain?.steps.map((step) => step.kind)).toEqual(['handshake', 'resolution', 'request']);
    expect(rows[1]!.chain).toBeUndefined();
    expect(chainSummary(rows[0]!.chain!)).toBe('handshake → signed in');
    // The row reads as what the visitor finally got, from when the round trip started.
    expect(rows[0]!.decision.outcome).toBe(Outcome.signed_in);
    expect(rows[0]!.decision.statusCode).toBeNull();
    expect(rows[0]!.decision.startTimeMs).toBe(0);
  });

  it('a round trip that led to a sign-in redirect is a row with that outcome', () => {
    const redirected = item('rid_2', [pass(60, Outcome.signed_out, Reason.missing_token, null)], {
      outcome: Outcome.redirect_sign_in,
      statusCode: 307,
    });
    const signedOutTrip = item('rid_1', [
      pass(0, Outcome.handshake, Reason.dev_browser_missing, null),
      pass(40, Outcome.signed_out, Reason.missing_token, null),
    ]);
    const [row] = listRows([redirected, signedOutTrip], all);
    expect(row!.id).toBe('rid_1');
    expect(row!.decision.outcome).toBe(Outcome.redirect_sign_in);
    expect(chainSummary(row!.chain!)).toBe('handshake → redirect sign in');
  });

  it('shows a chain when any of its requests matches the filters', () => {
    const signedInOnly = (d: { outcome: string | null }) => d.outcome === Outcome.signed_in;
    expect(listRows([clean, roundTrip, unrelated], signedInOnly).map((row) => row.id)).toEqual(['rid_1']);
    const onlyUnrelated = (d: { path: string | null }) => d.path === '/elsewhere';
    expect(listRows([clean, roundTrip, unrelated], onlyUnrelated).map((row) => row.id)).toEqual(['rid_0']);
  });

  it('a chain whose clean-URL request has not arrived yet is still one row', () => {
    const rows = listRows([roundTrip], all);
    expect(rows).toHaveLength(1);
    expect(chainSummary(rows[0]!.chain!)).toBe('handshake → resolved…');
  });
});

describe('listRows: redirect loops', () => {
  /** A signed-out visit of /loop whose auth.protect() sent the browser back to /loop. */
  const visit = (id: string, at: number) =>
    item(id, [{ ...pass(at, Outcome.redirect_sign_in, Reason.missing_token, null), path: '/loop', statusCode: 307 }], {
      path: '/loop',
      statusCode: 307,
      redirectTarget: '/loop',
    });
  const other = item('req_other', [pass(5_000, Outcome.signed_in, Reason.valid_token, 'sess_1')]);

  it('folds the visits into one row flagged as a loop at the third, and the loop filter keeps only it', () => {
    const visits = [visit('req_1', 0), visit('req_2', 30), visit('req_3', 60)];
    const newestFirst = [other, ...visits].reverse();
    const all = listRows(newestFirst, () => true);
    const loopRow = all.find((row) => row.chain);
    expect(loopRow?.chain?.loop).toBe('revisits');
    expect(chainSummary(loopRow!.chain!)).toBe('redirect ×2 → redirect sign in');
    expect(listRows(newestFirst, () => true, true).map((row) => row.id)).toEqual(['req_1']);
    expect(listRows([visits[1]!, visits[0]!], () => true)[0]?.chain?.loop).toBeNull();
  });
});
