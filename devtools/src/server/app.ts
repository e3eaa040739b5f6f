import { fileURLToPath } from 'node:url';
import { InvalidOptionError } from './errors.js';
import { Forwarder, type ForwarderStats } from './forward/forwarder.js';
import { withCors } from './http/cors.js';
import { jsonResponse } from './http/json-response.js';
import { requireLoopbackHost } from './http/loopback-host.js';
import type { FetchHandler } from './http/node-handler.js';
import { Router } from './http/router.js';
import type { ReceivedMetricPoint, ReceivedSpan } from './otlp/received-span.js';
import { packageRoot } from './package-root.js';
import { allMetrics, rateLimitMetrics } from './routes/api-metrics.js';
import { getRequest, listRequests } from './routes/api-requests.js';
import { streamRequests } from './routes/api-stream.js';
import { guardIngest } from './routes/guard-ingest.js';
import { type AcceptedRequest, receiveOtlp } from './routes/receive-otlp.js';
import { serveUi } from './routes/static-ui.js';
import { DecisionStore, type DecisionStoreStats } from './store/decision-store.js';
import { MetricStore } from './store/metric-store.js';
import { type ReplayResult, SpanLog, type SpanLogRecord } from './store/span-log.js';

export interface DevtoolsAppOptions {
  /** Decisions kept in memory (a ring; the oldest go first). Default 10000. */
  maxRequests?: number;
  /** Base URL of an upstream OTLP/HTTP collector: everything received is forwarded to it unchanged. */
  forward?: string;
  /** Folder to persist received telemetry in (JSON lines), replayed on start. */
  dataDir?: string;
  /** Disk use of `dataDir` at most. Default 256 MiB. */
  maxDataBytes?: number;
  /** OTLP request bodies larger than this (raw or decompressed) get 413. Default 16 MiB. */
  maxBodyBytes?: number;
  /** Interval of `/api/stream` heartbeats. Default 15000 ms. */
  heartbeatMs?: number;
  /** The built dashboard. Default: the package's `ui/dist`. */
  uiDir?: string;
  /** Where diagnostics go (one line each; never telemetry content). Default: nowhere. */
  log?: (line: string) => void;
  /**
   * Answer the API and dashboard only for requests addressed to a loopback name (DNS-rebinding defence).
   * `startDevtools` turns it on when it listens on a loopback address. Default false.
   */
  loopbackOnly?: boolean;
  /**
   * When set, `/v1/traces` and `/v1/metrics` require `Authorization: Bearer <ingestToken>`. Browser pages from
   * non-loopback origins are refused either way.
   */
  ingestToken?: string;
}

export interface DevtoolsStats {
  store: DecisionStoreStats;
  received: {
    traceRequests: number;
    metricRequests: number;
    spans: number;
    points: number;
    json: number;
    protobuf: number;
    gzip: number;
    bytes: number;
  };
  forward: ForwarderStats | null;
  replay: ReplayResult | null;
}

/** The devtools server as a Web-standard handler plus its parts; `startDevtools` puts it on `node:http`. */
export interface DevtoolsApp {
  fetch: FetchHandler;
  store: DecisionStore;
  metrics: MetricStore;
  stats(): DevtoolsStats;
  close(): Promise<void>;
}

export const DEFAULT_MAX_REQUESTS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Builds the app: replays `dataDir` if given, and starts forwarding if asked. */
export async function createDevtoolsApp(options: DevtoolsAppOptions = {}): Promise<DevtoolsApp> {
  const maxRequests = positiveInteger(options.maxRequests ?? DEFAULT_MAX_REQUESTS, 'maxRequests');
  const maxBodyBytes = positiveInteger(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes');
  const heartbeatMs = positiveInteger(options.heartbeatMs ?? 15_000, 'heartbeatMs');
  const log = options.log ?? (() => {});
  if (options.ingestToken !== undefined && !/^[\x21-\x7e]{16,}$/.test(options.ingestToken)) {
    throw new InvalidOptionError('ingestToken must be at least 16 printable ASCII characters without spaces');
  }

  // Options are checked before anything is opened.
  let forwardBase: URL | undefined;
  if (options.forward) {
    try {
      forwardBase = new URL(options.forward);
    } catch {
      throw new InvalidOptionError('forward must be an http(s) URL');
    }
    if (forwardBase.protocol !== 'http:' && forwardBase.protocol !== 'https:') {
      throw new InvalidOptionError('forward must be an http(s) URL');
    }
  }

  const store = new DecisionStore({ maxRequests });
  const metrics = new MetricStore();
  const received: DevtoolsStats['received'] = {
    traceRequests: 0,
    metricRequests: 0,
    spans: 0,
    points: 0,
    json: 0,
    protobuf: 0,
    gzip: 0,
    bytes: 0,
  };

  const apply = (record: SpanLogRecord) => {
    if ('spans' in record) {
      store.ingest(record.spans);
      metrics.recordSpans(record.spans);
    } else {
      metrics.recordPoints(record.points);
    }
  };

  let spanLog: SpanLog | undefined;
  let replay: ReplayResult | null = null;
  if (options.dataDir) {
    spanLog = new SpanLog({
      dir: options.dataDir,
      maxBytes: options.maxDataBytes,
      onError: (error) => log(`persistence to ${options.dataDir} stopped: ${error.message}`),
    });
    replay = await spanLog.open((record) => {
      try {
        apply(record);
      } catch (error) {
        log(`skipped an unreadable record in ${options.dataDir}: ${(error as Error).message}`);
      }
    });
    log(`replayed ${replay.records} record(s) from ${options.dataDir} (${store.stats().decisions} decisions)`);
  }

  let forwarder: Forwarder | undefined;
  if (forwardBase) {
    const origin = forwardBase.origin; // logs name the upstream without any credentials in its URL
    forwarder = new Forwarder({
      baseUrl: forwardBase.href,
      onGiveUp: (item, reason) => log(`forwarding ${item.path} to ${origin} gave up: ${reason}`),
    });
  }

  const otlpDeps = {
    maxBodyBytes,
    onAccepted: (info: AcceptedRequest) => {
      if (info.signal === 'traces') received.traceRequests++;
      else received.metricRequests++;
      received[info.encoding]++;
      if (info.gzip) received.gzip++;
      received.bytes += info.bytes;
    },
    ingestSpans: (spans: ReceivedSpan[]) => {
      received.spans += spans.length;
      if (spans.length === 0) return;
      store.ingest(spans);
      metrics.recordSpans(spans);
      spanLog?.append({ spans });
    },
    ingestPoints: (points: ReceivedMetricPoint[]) => {
      received.points += points.length;
      if (points.length === 0) return;
      metrics.recordPoints(points);
      spanLog?.append({ points });
    },
    forward: forwarder ? (item: Parameters<Forwarder['enqueue']>[0]) => forwarder.enqueue(item) : undefined,
  };

  const stats = (): DevtoolsStats => ({
    store: store.stats(),
    received: { ...received },
    forward: forwarder?.stats() ?? null,
    replay,
  });

  const receiver = new Router()
    .add('POST', '/v1/traces', receiveOtlp('traces', otlpDeps))
    .add('POST', '/v1/metrics', receiveOtlp('metrics', otlpDeps))
    .handler(() => jsonResponse({ error: 'ERR_NOT_FOUND', message: 'not found' }, { status: 404 }));
  const api = new Router()
    .add('GET', '/api/requests', listRequests(store))
    .add('GET', '/api/requests/:id', getRequest(store))
    .add('GET', '/api/stream', streamRequests(store, heartbeatMs))
    .add('GET', '/api/metrics', allMetrics(metrics))
    .add('GET', '/api/metrics/rate-limit', rateLimitMetrics(metrics))
    .add('GET', '/healthz', () => jsonResponse({ ok: true, ...stats() }))
    .handler(serveUi(options.uiDir ?? fileURLToPath(new URL('ui/dist/', packageRoot))));
  const receiverWithCors = withCors(guardIngest(receiver, { ingestToken: options.ingestToken }));
  const apiWithCors = withCors(options.loopbackOnly ? requireLoopbackHost(api) : api);

  return {
    fetch: (request) => (new URL(request.url).pathname.startsWith('/v1/') ? receiverWithCors : apiWithCors)(request),
    store,
    metrics,
    stats,
    async close() {
      await forwarder?.close();
      await spanLog?.close();
    },
  };
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new InvalidOptionError(`${name} must be a positive integer`);
  return value;
}
