/** The dashboard's filters; each is also a query parameter of the page, so a filtered view can be linked to. */
export interface Filters {
  /** Free text over ids, path, route, user, org, outcome, reason and types. */
  q: string;
  outcome: string;
  kind: string;
  tokenType: string;
  sessionStatus: string;
  /** Exact user id. */
  user: string;
  /** Substring of the path. */
  path: string;
  /** A reason code (`?reason=expired`). */
  reason: string;
  /** `1`: only requests with an error (a failed or rate-limited Backend API call, or an auth error). */
  errors: string;
  /** `1`: only redirect chains flagged as a loop. */
  loop: string;
}

export const FILTER_NAMES = [
  'q',
  'outcome',
  'reason',
  'kind',
  'tokenType',
  'sessionStatus',
  'user',
  'path',
  'errors',
  'loop',
] as const;

export const NO_FILTERS: Filters = {
  q: '',
  outcome: '',
  kind: '',
  tokenType: '',
  sessionStatus: '',
  user: '',
  path: '',
  reason: '',
  errors: '',
  loop: '',
};

export function filtersFromSearch(search: string): Filters {
  const params = new URLSearchParams(search);
  const filters = { ...NO_FILTERS };
  for (const name of FILTER_NAMES) filters[name] = params.get(name)?.trim() ?? '';
  return filters;
}

/** `?outcome=not_found&path=%2Fadmin`, or '' when nothing is filtered. */
export function filtersToSearch(filters: Filters): string {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) if (filters[name] !== '') params.set(name, filters[name]);
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

export function hasFilters(filters: Filters): boolean {
  return FILTER_NAMES.some((name) => filters[name] !== '');
}
