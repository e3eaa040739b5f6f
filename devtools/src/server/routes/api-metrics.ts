import { jsonResponse } from '../http/json-response.js';
import type { MetricStore } from '../store/metric-store.js';

/**
 * `GET /api/metrics/rate-limit`: the Backend API rate-limit budget over time, from the
 * `authlens.backend.rate_limit.remaining` gauge and from Backend API spans.
 */
export function rateLimitMetrics(metrics: MetricStore) {
  return (): Response => jsonResponse(metrics.rateLimit());
}

/** `GET /api/metrics`: the latest value and series of every metric received. */
export function allMetrics(metrics: MetricStore) {
  return (): Response => jsonResponse({ series: metrics.series() });
}
