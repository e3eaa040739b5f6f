/** Clerk's list conventions: `limit` (default 10, at most 500), `offset`, `order_by` (`-created_at`, `+name`…). */
import { paramInvalid } from './api-error.js';
import { queryInteger } from './params.js';
import { json } from './respond.js';

export interface Page {
  limit: number;
  offset: number;
}

export function readPage(query: URLSearchParams): Page {
  return { limit: queryInteger(query, 'limit', 10, 1, 500), offset: queryInteger(query, 'offset', 0, 0, 1_000_000) };
}

/**
 * Sorts by `order_by` (a field name, `-` for descending, `+` or nothing for ascending); `fallback` when absent.
 * Only `allowed` fields may be named. Ties keep insertion order.
 */
export function sortBy<T>(
  items: readonly T[],
  query: URLSearchParams,
  allowed: Readonly<Record<string, (item: T) => string | number | null>>,
  fallback: string,
): T[] {
  // A raw `+` in a query string decodes to a space: `order_by=+name` arrives as " name".
  const spec = query.get('order_by')?.trim() || fallback;
  const descending = spec.startsWith('-');
  const field = spec.replace(/^[-+]/, '');
  const key = allowed[field];
  if (!key) throw paramInvalid('order_by', `can be one of ${Object.keys(allowed).join(', ')}`);
  return [...items].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    const order = x < y ? -1 : 1;
    return descending ? -order : order;
  });
}

export function paginate<T>(items: readonly T[], page: Page): T[] {
  return items.slice(page.offset, page.offset + page.limit);
}

/** Clerk answers some lists as a bare array unless asked `paginated=true`, others always as `{ data, total_count }`. */
export function listResponse(query: URLSearchParams, data: readonly unknown[], totalCount: number, always = false) {
  if (always || query.get('paginated') === 'true') return json({ data, total_count: totalCount });
  return json(data);
}
