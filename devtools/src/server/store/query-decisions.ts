import { type DecisionFilter, decisionMatcher } from '../../shared/decision-filter.js';
import { InvalidQueryError } from '../errors.js';
import type { DecisionStore, StoredDecision } from './decision-store.js';

export { decisionMatcher };

/** `GET /api/requests`: the list's filters, and a page. */
export interface DecisionQuery extends DecisionFilter {
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

export interface DecisionPage {
  items: StoredDecision[];
  /** Pass as `cursor` to get the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const LIST_FILTERS = ['outcome', 'reason', 'user', 'tokenType', 'sessionStatus', 'kind'] as const;

/**
 * Reads a `DecisionQuery` from URL search parameters; bad `limit`, `cursor` or `hasErrors` → `InvalidQueryError`
 * (400).
 */
export function parseDecisionQuery(params: URLSearchParams): DecisionQuery {
  const query: DecisionQuery = { limit: DEFAULT_LIMIT };
  for (const name of LIST_FILTERS) {
    const values = params
      .getAll(name)
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter((value) => value !== '');
    if (values.length > 0) query[name] = values;
  }
  const path = params.get('path')?.trim();
  if (path) query.path = path;
  const q = params.get('q')?.trim();
  if (q) query.q = q;
  const hasErrors = params.get('hasErrors');
  if (hasErrors !== null && hasErrors !== '') {
    if (hasErrors !== '1' && hasErrors !== 'true') throw new InvalidQueryError('hasErrors must be 1 (or true)');
    query.hasErrors = true;
  }
  const limit = params.get('limit');
  if (limit !== null) {
    const parsed = Number(limit);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > MAX_LIMIT) {
      throw new InvalidQueryError(`limit must be an integer from 1 to ${MAX_LIMIT}`);
    }
    query.limit = parsed;
  }
  const cursor = params.get('cursor');
  if (cursor !== null && cursor !== '') {
    if (!/^\d{1,15}$/.test(cursor)) throw new InvalidQueryError('cursor is not one this server handed out');
    query.cursor = cursor;
  }
  return query;
}

/** One page of stored decisions matching `query`, newest first. */
export function queryDecisions(store: DecisionStore, query: DecisionQuery): DecisionPage {
  const matches = decisionMatcher(query);
  const items: StoredDecision[] = [];
  const beforeSeq = query.cursor === undefined ? undefined : Number(query.cursor);
  for (const entry of store.newestFirst(beforeSeq)) {
    if (!matches(entry.decision)) continue;
    if (items.length === query.limit) return { items, nextCursor: String(items[items.length - 1]!.seq) };
    items.push(entry);
  }
  return { items, nextCursor: null };
}
