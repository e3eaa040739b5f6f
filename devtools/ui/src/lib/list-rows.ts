import { type DecisionRecord, type HandshakeChain, linkHandshakeChains } from '@authlens/otel';
import type { DecisionListItem } from '../api/devtools-api.js';

/**
 * A row of the list: one request, or a handshake round trip. A chain row keeps its first request's id (its place in
 * the list and its detail link); its `decision` reads as what the visitor finally got (see `chainDecision`).
 */
export interface ListRow extends DecisionListItem {
  readonly chain?: HandshakeChain;
}

/**
 * What a chain row shows: the request it led to (its outcome, user, `auth.protect()`), from the chain's start, with
 * the auth time and Backend API calls of every step, under the first request's ids. Before that request arrives,
 * the first request as it is.
 */
export function chainDecision(chain: HandshakeChain): DecisionRecord {
  const first = chain.records[0]!;
  if (!chain.complete) return first;
  const last = chain.records.at(-1)!;
  return {
    ...last,
    // The row opens the round trip's first request (its detail has the redirect, the resolution and its API call).
    traceId: first.traceId,
    traceIds: first.traceIds,
    requestId: first.requestId,
    startTimeMs: first.startTimeMs,
    authLatencyMs: chain.records.reduce((sum, record) => sum + record.authLatencyMs, 0),
    backendCalls: chain.records.flatMap((record) => record.backendCalls),
  };
}

/** The list id of a record: its request id, or its trace id when it has none (as the devtools store keys it). */
const idOf = (record: DecisionRecord): string => record.requestId ?? record.traceId;

/**
 * Folds each handshake round trip into one row, at the place of its first request, keeping the list's order. A chain
 * row is shown when any of its requests matches the filters, so filtering never cuts a chain in half.
 */
export function listRows(
  items: readonly DecisionListItem[],
  matches: (decision: DecisionRecord) => boolean,
  /** Only chains flagged as a loop (the `loop` filter). */
  onlyLoops = false,
): ListRow[] {
  const chains = linkHandshakeChains(items.map((item) => item.decision));
  const chainByFirstId = new Map<string, HandshakeChain>();
  const inLaterStep = new Set<string>();
  for (const chain of chains) {
    chainByFirstId.set(idOf(chain.records[0]!), chain);
    for (const record of chain.records.slice(1)) inLaterStep.add(idOf(record));
  }
  const rows: ListRow[] = [];
  for (const item of items) {
    if (inLaterStep.has(item.id)) continue;
    const chain = chainByFirstId.get(item.id);
    if (chain) {
      if ((!onlyLoops || chain.loop !== null) && chain.records.some(matches))
        rows.push({ ...item, decision: chainDecision(chain), chain });
    } else if (!onlyLoops && matches(item.decision)) rows.push(item);
  }
  return rows;
}

/**
 * What the decision cell of a chain row says: `handshake → signed in`, `handshake ×3 → signed out`, and for other
 * redirects `redirect ×3 → redirect sign in`.
 */
export function chainSummary(chain: HandshakeChain): string {
  const handshakes = chain.steps.filter((step) => step.kind === 'handshake').length;
  const redirects = handshakes > 0 ? handshakes : chain.steps.filter((step) => step.kind === 'redirect').length;
  const last = chain.steps.at(-1)!;
  const end = chain.complete ? (last.outcome ?? 'no outcome') : last.kind === 'resolution' ? 'resolved…' : '…';
  return `${handshakes > 0 ? 'handshake' : 'redirect'}${redirects > 1 ? ` ×${redirects}` : ''} → ${end.replaceAll('_', ' ')}`;
}
