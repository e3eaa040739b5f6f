import { ValueType } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  type ExponentialHistogram,
  type Histogram,
  type MetricData,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { keyValues, nanos, otlpResource, otlpScope } from './otlp-json-values.js';

// OTLP's AggregationTemporality keeps 0 for "unspecified"; the SDK's enum starts at DELTA = 0.
const OTLP_DELTA = 1;
const OTLP_CUMULATIVE = 2;

/**
 * Collected metrics as an OTLP/HTTP JSON `ExportMetricsServiceRequest` body (nanosecond times as decimal strings,
 * temporality by OTLP's numbers). Plain code over the SDK's `ResourceMetrics`: no protobuf library, so it bundles for
 * edge.
 */
export function serializeMetricsAsOtlpJson(resourceMetrics: ResourceMetrics): string {
  const resource = otlpResource(resourceMetrics.resource);
  return JSON.stringify({
    resourceMetrics: [
      {
        resource,
        schemaUrl: resource.schemaUrl,
        scopeMetrics: resourceMetrics.scopeMetrics.map(({ scope, metrics }) => ({
          scope: otlpScope(scope),
          metrics: metrics.map(otlpMetric),
          schemaUrl: scope.schemaUrl,
        })),
      },
    ],
  });
}

function otlpMetric(metric: MetricData) {
  const { name, description, unit, valueType } = metric.descriptor;
  const head = { name, description, unit };
  const aggregationTemporality =
    metric.aggregationTemporality === AggregationTemporality.DELTA ? OTLP_DELTA : OTLP_CUMULATIVE;
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      return {
        ...head,
        sum: {
          aggregationTemporality,
          isMonotonic: metric.isMonotonic,
          dataPoints: metric.dataPoints.map((point) => singular(point, valueType)),
        },
      };
    case DataPointType.GAUGE:
      return { ...head, gauge: { dataPoints: metric.dataPoints.map((point) => singular(point, valueType)) } };
    case DataPointType.HISTOGRAM:
      return { ...head, histogram: { aggregationTemporality, dataPoints: metric.dataPoints.map(histogram) } };
    case DataPointType.EXPONENTIAL_HISTOGRAM:
      return {
        ...head,
        exponentialHistogram: { aggregationTemporality, dataPoints: metric.dataPoints.map(exponentialHistogram) },
      };
  }
}

interface Point<T> {
  readonly attributes: MetricData['dataPoints'][number]['attributes'];
  readonly startTime: MetricData['dataPoints'][number]['startTime'];
  readonly endTime: MetricData['dataPoints'][number]['endTime'];
  readonly value: T;
}

function times(point: Point<unknown>) {
  return { startTimeUnixNano: nanos(point.startTime), timeUnixNano: nanos(point.endTime) };
}

function singular(point: Point<number>, valueType: ValueType) {
  const value = valueType === ValueType.INT ? { asInt: point.value } : { asDouble: point.value };
  return { attributes: keyValues(point.attributes), ...times(point), ...value };
}

function histogram(point: Point<Histogram>) {
  const { buckets, count, sum, min, max } = point.value;
  return {
    attributes: keyValues(point.attributes),
    bucketCounts: buckets.counts,
    explicitBounds: buckets.boundaries,
    count,
    sum,
    min,
    max,
    ...times(point),
  };
}

function exponentialHistogram(point: Point<ExponentialHistogram>) {
  const { count, min, max, sum, positive, negative, scale, zeroCount } = point.value;
  return {
    attributes: keyValues(point.attributes),
    count,
    min,
    max,
    sum,
    positive: { offset: positive.offset, bucketCounts: positive.bucketCounts },
    negative: { offset: negative.offset, bucketCounts: negative.bucketCounts },
    scale,
    zeroCount,
    ...times(point),
  };
}
