export {
  createDevtoolsApp,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_REQUESTS,
  type DevtoolsApp,
  type DevtoolsAppOptions,
  type DevtoolsStats,
} from './server/app.js';
export {
  BodyTooLargeError,
  DevtoolsError,
  ForbiddenOriginError,
  IngestUnauthorizedError,
  InvalidOptionError,
  InvalidQueryError,
  MalformedPayloadError,
  UnsupportedContentEncodingError,
  UnsupportedMediaTypeError,
} from './server/errors.js';
export type { ForwarderStats } from './server/forward/forwarder.js';
export type {
  Attributes,
  AttributeValue,
  ReceivedMetricPoint,
  ReceivedSpan,
  SpanEvent,
  SpanLink,
  SpanStatusCode,
} from './server/otlp/received-span.js';
export type { DecisionDetailResponse, DecisionListResponse } from './server/routes/api-requests.js';
export type { DecisionListItem } from './server/routes/decision-json.js';
export { type DevtoolsOptions, type RunningDevtools, startDevtools } from './server/start-devtools.js';
export type { DecisionStoreStats, StoredDecision } from './server/store/decision-store.js';
export type { MetricPoint, MetricSeries, RateLimitObservation } from './server/store/metric-store.js';
export type { DecisionQuery } from './server/store/query-decisions.js';
