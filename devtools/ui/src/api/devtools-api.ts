import type {
  DecisionDetailResponse,
  DecisionListItem,
  DecisionListResponse,
  MetricSeries,
  RateLimitObservation,
} from '@authlens/devtools';

export type { DecisionDetailResponse, DecisionListItem, DecisionListResponse, MetricSeries, RateLimitObservation };

/** The body of `GET /api/metrics/rate-limit`. */
export interface RateLimitResponse {
  metric: string;
  unit: string;
  series: MetricSeries[];
  fromSpans: RateLimitObservation[];
}

/** The dashboard is served by the devtools themselves, so the API is on the page's own origin. */
async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new ApiError(response.status, `${path} answered ${response.status}`);
  return (await response.json()) as T;
}

export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

export function fetchRequestPage(limit: number, cursor: string | null, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: String(limit) });
  if (cursor) params.set('cursor', cursor);
  return getJson<DecisionListResponse>(`/api/requests?${params}`, signal);
}

export function fetchRequest(id: string, signal?: AbortSignal) {
  return getJson<DecisionDetailResponse>(`/api/requests/${encodeURIComponent(id)}`, signal);
}

export function fetchRateLimit(signal?: AbortSignal) {
  return getJson<RateLimitResponse>('/api/metrics/rate-limit', signal);
}
