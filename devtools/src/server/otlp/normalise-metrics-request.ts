import { keyValuesToAttributes, resourceAttributes } from './any-value.js';
import {
  arrayField,
  doubleOf,
  fieldOf,
  int64Of,
  type JsonObject,
  nanosAsMillisField,
  objectAt,
  optionalObjectField,
  stringField,
} from './otlp-json-shape.js';
import type { DecodedMetrics, ReceivedMetricPoint } from './received-span.js';

/**
 * Turns an `ExportMetricsServiceRequest` in the OTLP/JSON shape into data points (gauge, sum and histogram
 * metrics; other kinds are skipped and counted as rejected).
 */
export function normaliseMetricsRequest(body: unknown): DecodedMetrics {
  const request = objectAt(body, 'ExportMetricsServiceRequest');
  const points: ReceivedMetricPoint[] = [];
  let rejected = 0;
  arrayField(request, 'ExportMetricsServiceRequest', 'resourceMetrics', 'resource_metrics').forEach((rm, r) => {
    const rmPath = `resourceMetrics[${r}]`;
    const resourceMetrics = objectAt(rm, rmPath);
    const resource = resourceAttributes(resourceMetrics, rmPath);
    arrayField(resourceMetrics, rmPath, 'scopeMetrics', 'scope_metrics').forEach((sm, s) => {
      const smPath = `${rmPath}.scopeMetrics[${s}]`;
      arrayField(objectAt(sm, smPath), smPath, 'metrics').forEach((m, i) => {
        const path = `${smPath}.metrics[${i}]`;
        const metric = objectAt(m, path);
        const name = stringField(metric, path, 'name');
        const unit = stringField(metric, path, 'unit');
        let found = false;
        for (const type of ['gauge', 'sum', 'histogram'] as const) {
          const data = optionalObjectField(metric, path, type);
          if (!data) continue;
          found = true;
          arrayField(data, `${path}.${type}`, 'dataPoints', 'data_points').forEach((dp, d) => {
            const pointPath = `${path}.${type}.dataPoints[${d}]`;
            points.push(normalisePoint(objectAt(dp, pointPath), pointPath, { name, unit, type, resource }));
          });
        }
        if (!found) rejected++;
      });
    });
  });
  return { points, rejected };
}

function normalisePoint(
  point: JsonObject,
  path: string,
  metric: Pick<ReceivedMetricPoint, 'name' | 'unit' | 'type' | 'resource'>,
): ReceivedMetricPoint {
  const received: ReceivedMetricPoint = {
    ...metric,
    timeMs: nanosAsMillisField(point, path, 'timeUnixNano', 'time_unix_nano'),
    value: 0,
    attributes: keyValuesToAttributes(point.attributes, `${path}.attributes`),
  };
  if (metric.type === 'histogram') {
    const count = fieldOf(point, 'count');
    received.count = count === undefined ? 0 : int64Of(count, `${path}.count`);
    const sum = fieldOf(point, 'sum');
    received.value = sum === undefined ? 0 : doubleOf(sum, `${path}.sum`);
  } else {
    const asDouble = fieldOf(point, 'asDouble', 'as_double');
    const asInt = fieldOf(point, 'asInt', 'as_int');
    if (asDouble !== undefined) received.value = doubleOf(asDouble, `${path}.asDouble`);
    else if (asInt !== undefined) received.value = int64Of(asInt, `${path}.asInt`);
  }
  return received;
}
