import { describe, expect, it } from 'vitest';
import { MalformedPayloadError } from '../errors.js';
import { decodeMetricsRequest } from './decode-metrics-request.js';
import { otlpProto } from './otlp-proto.js';

const request = {
  resourceMetrics: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'app' } }] },
      scopeMetrics: [
        {
          metrics: [
            {
              name: 'authlens.backend.rate_limit.remaining',
              unit: '{request}',
              gauge: {
                dataPoints: [
                  { timeUnixNano: '2000000', asInt: '97', attributes: [{ key: 'limit', value: { intValue: '100' } }] },
                ],
              },
            },
            {
              name: 'authlens.decisions',
              unit: '{decision}',
              sum: {
                dataPoints: [{ timeUnixNano: '3000000', asDouble: 4 }],
                aggregationTemporality: 2,
                isMonotonic: true,
              },
            },
            {
              name: 'authlens.token.verification.duration',
              unit: 's',
              histogram: {
                dataPoints: [
                  { timeUnixNano: '4000000', count: '3', sum: 0.25, bucketCounts: ['1', '2'], explicitBounds: [0.1] },
                ],
              },
            },
            { name: 'summary.kind', summary: {} },
          ],
        },
      ],
    },
  ],
};

const expected = [
  {
    name: 'authlens.backend.rate_limit.remaining',
    unit: '{request}',
    type: 'gauge',
    timeMs: 2,
    value: 97,
    attributes: { limit: 100 },
    resource: { 'service.name': 'app' },
  },
  {
    name: 'authlens.decisions',
    unit: '{decision}',
    type: 'sum',
    timeMs: 3,
    value: 4,
    attributes: {},
    resource: { 'service.name': 'app' },
  },
  {
    name: 'authlens.token.verification.duration',
    unit: 's',
    type: 'histogram',
    timeMs: 4,
    value: 0.25,
    count: 3,
    attributes: {},
    resource: { 'service.name': 'app' },
  },
];

describe('decodeMetricsRequest', () => {
  it('reads gauge, sum and histogram points from OTLP/JSON, counting other kinds as rejected', () => {
    const decoded = decodeMetricsRequest(new TextEncoder().encode(JSON.stringify(request)), 'json');
    expect(decoded).toEqual({ points: expected, rejected: 1 });
  });

  it('reads the same from protobuf', () => {
    const type = otlpProto().ExportMetricsServiceRequest;
    const copy = structuredClone(request) as any;
    copy.resourceMetrics[0].scopeMetrics[0].metrics.pop(); // the proto subset has no summary
    const body = type.encode(type.fromObject(copy)).finish();
    expect(decodeMetricsRequest(body, 'protobuf')).toEqual({ points: expected, rejected: 0 });
  });

  it('rejects a malformed shape', () => {
    const body = new TextEncoder().encode(
      '{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"gauge":{"dataPoints":[{"asInt":"x"}]}}]}]}]}',
    );
    expect(() => decodeMetricsRequest(body, 'json')).toThrow(MalformedPayloadError);
  });
});
