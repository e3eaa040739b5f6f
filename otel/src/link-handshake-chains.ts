import type { DecisionRecord, MiddlewarePass } from './decision-record.js';
import { Outcome } from './values/outcome.js';
import { Reason } from './values/reason.js';

/**
 * How long after a handshake's resolution the request it led to may start. The browser follows the 307 to the clean
 * URL at once; a few seconds cover a slow network, and the window stays short so an unrelated later visit of the
 * same path is not taken for it.
 */
export const HANDSHAKE_FOLLOW_WINDOW_MS = 5_000;
/** A chain that redirects to the handshake this many times within `HANDSHAKE_LOOP_WINDOW_MS` is flagged a loop. */
export const HANDSHAKE_LOOP_REDIRECTS = 3;
export const HANDSHAKE_LOOP_WINDOW_MS = 10_000;

/** One step of a handshake round trip. */
export interface HandshakeChainStep {
  /** `handshake`: the 307 to the Frontend API; `resolution`: the pass that came back with the nonce; `request`: the clean URL. */
  readonly kind: 'handshake' | 'resolution' | 'request';
  /** The decision record the step belongs to (a handshake and its resolution share one). */
  readonly record: DecisionRecord;
  readonly startTimeMs: number;
  readonly path: string | null;
  readonly outcome: DecisionRecord['outcome'];
  readonly reason: DecisionRecord['reason'];
  readonly statusCode: number | null;
}

/** Handshake round trips of one browser, from the first redirect to the request that was finally rendered. */
export interface HandshakeChain {
  /** The records of the chain in order: each handshake request (with its resolution), then the request it led to. */
  readonly records: readonly DecisionRecord[];
  readonly steps: readonly HandshakeChainStep[];
  /** Why the first handshake was needed. */
  readonly reason: DecisionRecord['reason'];
  /** Whether the chain ended in the request it led to (false while it is still arriving, or the browser gave up). */
  readonly complete: boolean;
  /** `handshake_loop`: the loop counter stopped it; `revisits`: it redirected ≥ 3 times within 10 s; else null. */
  readonly loop: 'handshake_loop' | 'revisits' | null;
}

const handshakePasses = (record: DecisionRecord): MiddlewarePass[] =>
  record.middlewarePasses.filter((pass) => pass.outcome === Outcome.handshake);

/**
 * Joins decision records into handshake chains. A handshake redirect and its resolution carry one request id, so
 * they are one record already; the clean-URL request after the resolution has a new id, and is joined here by what
 * both requests know: the same path, a compatible session id (equal when both have one) and a start within
 * `HANDSHAKE_FOLLOW_WINDOW_MS` after the resolution ended. The earliest such request not already in a chain is taken.
 * When that request itself answered with a handshake (the cookies still did not work), the chain goes on through it.
 */
export function linkHandshakeChains(records: readonly DecisionRecord[]): HandshakeChain[] {
  const ordered = [...records].sort((a, b) => a.startTimeMs - b.startTimeMs);
  const claimed = new Set<DecisionRecord>();
  const chains: HandshakeChain[] = [];
  for (const first of ordered) {
    if (claimed.has(first) || handshakePasses(first).length === 0) continue;
    const members: DecisionRecord[] = [];
    const steps: HandshakeChainStep[] = [];
    let current: DecisionRecord | undefined = first;
    let complete = false;
    while (current) {
      members.push(current);
      claimed.add(current);
      const passes = current.middlewarePasses;
      const handshakeAt = passes.findIndex((pass) => pass.outcome === Outcome.handshake);
      if (handshakeAt < 0) {
        steps.push(requestStep(current));
        complete = true;
        break;
      }
      for (const pass of passes.slice(handshakeAt)) {
        steps.push(passStep(current, pass, pass.outcome === Outcome.handshake ? 'handshake' : 'resolution'));
      }
      const resolution = passes.at(-1)!;
      if (resolution.outcome === Outcome.handshake) break; // not resolved (yet)
      current = followingRequest(ordered, claimed, current, resolution);
    }
    chains.push({ records: members, steps, reason: steps[0]!.reason, complete, loop: loopOf(steps) });
  }
  return chains;
}

function followingRequest(
  ordered: readonly DecisionRecord[],
  claimed: ReadonlySet<DecisionRecord>,
  from: DecisionRecord,
  resolution: MiddlewarePass,
): DecisionRecord | undefined {
  const path = resolution.path ?? from.path;
  const sessionId = resolution.sessionId;
  // Records are ordered by start: skip to the first that starts after the resolution (the list may hold thousands).
  for (let i = firstStartingAt(ordered, resolution.startTimeMs); i < ordered.length; i++) {
    const candidate = ordered[i]!;
    if (claimed.has(candidate)) continue;
    if (candidate.startTimeMs > resolution.endTimeMs + HANDSHAKE_FOLLOW_WINDOW_MS) return undefined;
    if (candidate.path !== path) continue;
    const candidateSession = candidate.middlewarePasses[0]?.sessionId ?? candidate.sessionId;
    if (sessionId !== null && candidateSession !== null && candidateSession !== sessionId) continue;
    return candidate;
  }
  return undefined;
}

/** The index of the first record starting at or after `timeMs` (binary search). */
function firstStartingAt(ordered: readonly DecisionRecord[], timeMs: number): number {
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ordered[middle]!.startTimeMs < timeMs) low = middle + 1;
    else high = middle;
  }
  return low;
}

function passStep(record: DecisionRecord, pass: MiddlewarePass, kind: HandshakeChainStep['kind']): HandshakeChainStep {
  return {
    kind,
    record,
    startTimeMs: pass.startTimeMs,
    path: pass.path ?? record.path,
    outcome: pass.outcome,
    reason: pass.reason,
    statusCode: pass.statusCode,
  };
}

function requestStep(record: DecisionRecord): HandshakeChainStep {
  return {
    kind: 'request',
    record,
    startTimeMs: record.startTimeMs,
    path: record.path,
    outcome: record.outcome,
    reason: record.reason,
    statusCode: record.statusCode,
  };
}

function loopOf(steps: readonly HandshakeChainStep[]): HandshakeChain['loop'] {
  if (steps.some((step) => step.reason === Reason.handshake_loop)) return 'handshake_loop';
  const redirects = steps.filter((step) => step.kind === 'handshake').map((step) => step.startTimeMs);
  for (let i = 0; i + HANDSHAKE_LOOP_REDIRECTS - 1 < redirects.length; i++) {
    if (redirects[i + HANDSHAKE_LOOP_REDIRECTS - 1]! - redirects[i]! <= HANDSHAKE_LOOP_WINDOW_MS) return 'revisits';
  }
  return null;
}
