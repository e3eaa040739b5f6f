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

/** A chain that revisits one URL this many times within `HANDSHAKE_LOOP_WINDOW_MS` is flagged a loop. */
export const REDIRECT_LOOP_VISITS = HANDSHAKE_LOOP_REDIRECTS;

/** One step of a redirect chain. */
export interface HandshakeChainStep {
  /**
   * `handshake`: the 307 to the Frontend API; `resolution`: the pass that came back with the nonce; `redirect`: a
   * request answered with a redirect to a path of the app (`redirectTarget`); `request`: the request it all led to.
   */
  readonly kind: 'handshake' | 'resolution' | 'redirect' | 'request';
  /** The decision record the step belongs to (a handshake and its resolution share one). */
  readonly record: DecisionRecord;
  readonly startTimeMs: number;
  readonly path: string | null;
  readonly outcome: DecisionRecord['outcome'];
  readonly reason: DecisionRecord['reason'];
  readonly statusCode: number | null;
}

/**
 * The requests of one browser linked by the redirects between them: handshake round trips, and redirects to a path of
 * the app followed by the request they caused, from the first redirect to the request that was finally rendered.
 */
export interface HandshakeChain {
  /** The records of the chain in order: each redirecting request (a handshake with its resolution), then the last. */
  readonly records: readonly DecisionRecord[];
  readonly steps: readonly HandshakeChainStep[];
  /** Why the first redirect was needed. */
  readonly reason: DecisionRecord['reason'];
  /** Whether the chain ended in the request it led to (false while a handshake is still arriving, or given up). */
  readonly complete: boolean;
  /**
   * `handshake_loop`: the handshake loop counter stopped it; `revisits`: it was sent back to one URL ≥ 3 times within
   * 10 s (a handshake, or a redirect to itself); else null.
   */
  readonly loop: 'handshake_loop' | 'revisits' | null;
}

/** A redirect chain is the same thing under its general name. */
export type RedirectChain = HandshakeChain;
export type RedirectChainStep = HandshakeChainStep;

const handshakePasses = (record: DecisionRecord): MiddlewarePass[] =>
  record.middlewarePasses.filter((pass) => pass.outcome === Outcome.handshake);

/** The app path a record's own redirect (not a handshake) sent the browser to; null when it did not redirect. */
function redirectPathOf(record: DecisionRecord): string | null {
  const status = record.statusCode;
  if (status === null || status < 300 || status > 399 || record.redirectTarget === null) return null;
  try {
    // Relative targets are paths of the app; absolute ones are compared by path (the origin is not recorded).
    return new URL(record.redirectTarget, 'http://app.invalid').pathname;
  } catch {
    return null;
  }
}

/**
 * Joins decision records into redirect chains. A handshake redirect and its resolution carry one request id, so
 * they are one record already; the request the browser makes next has a new id, and is joined here by what both
 * requests know: the path (the handshake's path, or the redirect's target path), a compatible session id (equal when
 * both have one) and a start within `HANDSHAKE_FOLLOW_WINDOW_MS` after the redirect ended. The earliest such request
 * not already in a chain is taken. When that request redirected again, the chain goes on through it. A redirect
 * nothing followed (yet) is no chain: it stays a request of its own.
 */
export function linkHandshakeChains(records: readonly DecisionRecord[]): HandshakeChain[] {
  const ordered = [...records].sort((a, b) => a.startTimeMs - b.startTimeMs);
  const claimed = new Set<DecisionRecord>();
  const chains: HandshakeChain[] = [];
  for (const first of ordered) {
    if (claimed.has(first)) continue;
    const startsWithHandshake = handshakePasses(first).length > 0;
    if (!startsWithHandshake && redirectPathOf(first) === null) continue;
    const members: DecisionRecord[] = [];
    const steps: HandshakeChainStep[] = [];
    let current: DecisionRecord | undefined = first;
    let complete = false;
    while (current) {
      members.push(current);
      claimed.add(current);
      const passes = current.middlewarePasses;
      const handshakeAt = passes.findIndex((pass) => pass.outcome === Outcome.handshake);
      if (handshakeAt >= 0) {
        for (const pass of passes.slice(handshakeAt)) {
          steps.push(passStep(current, pass, pass.outcome === Outcome.handshake ? 'handshake' : 'resolution'));
        }
        const resolution = passes.at(-1)!;
        if (resolution.outcome === Outcome.handshake) break; // not resolved (yet)
        current = followingRequest(ordered, claimed, {
          path: resolution.path ?? current.path,
          sessionId: resolution.sessionId,
          startTimeMs: resolution.startTimeMs,
          endTimeMs: resolution.endTimeMs,
        });
        continue;
      }
      const target = redirectPathOf(current);
      const next =
        target === null
          ? undefined
          : followingRequest(ordered, claimed, {
              path: target,
              sessionId: current.middlewarePasses[0]?.sessionId ?? current.sessionId,
              startTimeMs: current.startTimeMs,
              endTimeMs: current.endTimeMs,
            });
      // The last request is what the browser got so far: a page, or a redirect nothing followed (yet).
      steps.push(requestStep(current, next ? 'redirect' : 'request'));
      if (!next) complete = true;
      current = next;
    }
    if (!startsWithHandshake && members.length === 1) {
      claimed.delete(first); // a redirect nothing followed: a plain request
      continue;
    }
    chains.push({ records: members, steps, reason: steps[0]!.reason, complete, loop: loopOf(steps) });
  }
  return chains;
}

/** The general name of `linkHandshakeChains`: it links every redirect chain, handshakes included. */
export const linkRedirectChains = linkHandshakeChains;

interface FollowedFrom {
  /** The path the browser was sent to. */
  readonly path: string | null;
  readonly sessionId: string | null;
  readonly startTimeMs: number;
  readonly endTimeMs: number;
}

function followingRequest(
  ordered: readonly DecisionRecord[],
  claimed: ReadonlySet<DecisionRecord>,
  from: FollowedFrom,
): DecisionRecord | undefined {
  // Records are ordered by start: skip to the first that starts after the redirect (the list may hold thousands).
  for (let i = firstStartingAt(ordered, from.startTimeMs); i < ordered.length; i++) {
    const candidate = ordered[i]!;
    if (claimed.has(candidate)) continue;
    if (candidate.startTimeMs > from.endTimeMs + HANDSHAKE_FOLLOW_WINDOW_MS) return undefined;
    if (candidate.path !== from.path) continue;
    const candidateSession = candidate.middlewarePasses[0]?.sessionId ?? candidate.sessionId;
    if (from.sessionId !== null && candidateSession !== null && candidateSession !== from.sessionId) continue;
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

function requestStep(record: DecisionRecord, kind: 'redirect' | 'request'): HandshakeChainStep {
  return {
    kind,
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
  // Each visit the browser was sent away from (a handshake or a redirect), by URL path.
  const visitsByPath = new Map<string | null, number[]>();
  for (const step of steps) {
    const sentAway = step.kind === 'handshake' || (step.kind !== 'resolution' && redirectPathOf(step.record) !== null);
    if (!sentAway) continue;
    const visits = visitsByPath.get(step.path);
    if (visits) visits.push(step.startTimeMs);
    else visitsByPath.set(step.path, [step.startTimeMs]);
  }
  for (const visits of visitsByPath.values()) {
    for (let i = 0; i + REDIRECT_LOOP_VISITS - 1 < visits.length; i++) {
      if (visits[i + REDIRECT_LOOP_VISITS - 1]! - visits[i]! <= HANDSHAKE_LOOP_WINDOW_MS) return 'revisits';
    }
  }
  return null;
}
