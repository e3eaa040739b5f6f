import { type DecisionRecord, type HandshakeChain, linkHandshakeChains } from '@authlens/otel';
import type { DecisionListItem } from '../api/devtools-api.js';

/** A row of the list: one request, or a handshake round trip (its first request stands for it, `chain` has it all). */
export interface ListRow extends DecisionListItem {
  readonly chain?: HandshakeChain;
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
      if (chain.records.some(matches)) rows.push({ ...item, chain });
    } else if (matches(item.decision)) rows.push(item);
  }
  return rows;
}

/** What the decision cell of a chain row says: `handshake → signed in`, `handshake ×3 → signed out`. */
export function chainSummary(chain: HandshakeChain): string {
  const redirects = chain.steps.filter((step) => step.kind === 'handshake').length;
  const last = chain.steps.at(-1)!;
  const end = chain.complete ? (last.outcome ?? 'no outcome') : last.kind === 'resolution' ? 'resolved…' : '…';
  return `handshake${redirects > 1 ? ` ×${redirects}` : ''} → ${end.replaceAll('_', ' ')}`;
}
