// A stand-in for the collector behind the devtools (`--forward`): it reads the SDK's cache-size gauge
// (`authlens.cache.entries`) from the OTLP/JSON metric exports the devtools pass on, and drops everything else.
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { AttributeName, Metric } from '@authlens/otel';

const attribute = (point, key) => {
  const value = point.attributes?.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue !== undefined ? Number(value.intValue) : undefined);
};

export async function startTelemetryRecorder() {
  /** By cache name: the largest and the latest size reported, and its capacity. */
  const caches = new Map();
  const record = (body) => {
    for (const rm of body.resourceMetrics ?? []) {
      for (const sm of rm.scopeMetrics ?? []) {
        for (const metric of sm.metrics ?? []) {
          if (metric.name !== Metric.cacheEntries.name) continue;
          for (const point of metric.gauge?.dataPoints ?? []) {
            const cache = attribute(point, AttributeName.cacheName);
            const capacity = attribute(point, AttributeName.cacheCapacity);
            const entries = Number(point.asInt ?? point.asDouble);
            const seen = caches.get(cache) ?? { cache, capacity, maxEntries: 0, lastEntries: 0, reports: 0 };
            seen.maxEntries = Math.max(seen.maxEntries, entries);
            seen.lastEntries = entries;
            seen.capacity = capacity;
            seen.reports++;
            caches.set(cache, seen);
          }
        }
      }
    }
  };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => {
      if (req.url === '/v1/metrics') chunks.push(c);
    });
    req.on('end', () => {
      if (req.url === '/v1/metrics') {
        try {
          let raw = Buffer.concat(chunks);
          if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
          record(JSON.parse(raw.toString('utf8')));
        } catch {
          // Not JSON (a protobuf export): the soak's app exports JSON.
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    caches: () => [...caches.values()].sort((a, b) => String(a.cache).localeCompare(String(b.cache))),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
