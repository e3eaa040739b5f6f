import { describe, expect, it } from 'vitest';
import { MalformedPayloadError } from '../errors.js';
import { decodeTraceRequest } from './decode-trace-request.js';
import { otlpProto } from './otlp-proto.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';
const PARENT = '00f067aa0ba902b7';
const START_NS = '1795788000123456789'; // 2026-11-27T14:00:00.123456789Z

/** One span with every kind of attribute value, in OTLP/JSON as the spec spells it. */
const jsonRequest = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'app' } }] },
      scopeSpans: [
        {
          scope: { name: '@authlens/nextjs', version: '1.2.3' },
          spans: [
            {
              traceId: TRACE.toUpperCase(),
              spanId: SPAN,
              parentSpanId: PARENT,
              name: 'authlens.middleware',
              kind: 2,
              startTimeUnixNano: START_NS,
              endTimeUnixNano: '1795788000125456789',
              attributes: [
                { key: 's', value: { stringValue: 'text' } },
                { key: 'b', value: { boolValue: false } },
                { key: 'i', value: { intValue: '-42' } },
                { key: 'd', value: { doubleValue: 1.5 } },
                { key: 'a', value: { arrayValue: { values: [{ stringValue: 'x' }, { intValue: 7 }] } } },
                { key: 'kv', value: { kvlistValue: { values: [{ key: 'inner', value: { boolValue: true } }] } } },
                { key: 'bytes', value: { bytesValue: 'AQID' } },
                { key: 'empty', value: {} },
              ],
              events: [{ timeUnixNano: START_NS, name: 'exception', attributes: [] }],
              links: [{ traceId: TRACE, spanId: PARENT, attributes: [] }],
              status: { code: 2, message: 'boom' },
            },
          ],
        },
      ],
    },
  ],
};

const expectedSpan = {
  traceId: TRACE,
  spanId: SPAN,
  parentSpanId: PARENT,
  name: 'authlens.middleware',
  kind: 2,
  startTimeMs: 1795788000123.4568,
  endTimeMs: 1795788000125.4568,
  attributes: { s: 'text', b: false, i: -42, d: 1.5, a: ['x', 7], kv: { inner: true }, bytes: 'AQID', empty: null },
  status: { code: 2, message: 'boom' },
  events: [{ name: 'exception', timeMs: 1795788000123.4568, attributes: {} }],
  links: [{ traceId: TRACE, spanId: PARENT, attributes: {} }],
  resource: { 'service.name': 'app' },
  scope: { name: '@authlens/nextjs', version: '1.2.3' },
};

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** The same request as protobuf, encoded with the project's .proto (ids and bytes as raw bytes). */
function protobufRequest(): Uint8Array {
  const type = otlpProto().ExportTraceServiceRequest;
  const copy = structuredClone(jsonRequest) as any;
  const span = copy.resourceSpans[0].scopeSpans[0].spans[0];
  span.traceId = Buffer.from(TRACE, 'hex');
  span.spanId = Buffer.from(SPAN, 'hex');
  span.parentSpanId = Buffer.from(PARENT, 'hex');
  span.links[0].traceId = Buffer.from(TRACE, 'hex');
  span.links[0].spanId = Buffer.from(PARENT, 'hex');
  span.attributes[6].value.bytesValue = Buffer.from([1, 2, 3]);
  return type.encode(type.fromObject(copy)).finish();
}

describe('decodeTraceRequest', () => {
  it('reads OTLP/JSON: hex ids, 64-bit integers as strings, every AnyValue kind', () => {
    const { spans, rejected } = decodeTraceRequest(json(jsonRequest), 'json');
    expect(rejected).toBe(0);
    expect(spans).toEqual([expectedSpan]);
  });

  it('reads the same request as protobuf into the same span', () => {
    const { spans, rejected } = decodeTraceRequest(protobufRequest(), 'protobuf');
    expect(rejected).toBe(0);
    expect(spans).toEqual([expectedSpan]);
  });

  it('accepts the snake_case field names and enum names the protobuf JSON mapping allows', () => {
    const body = {
      resource_spans: [
        {
          scope_spans: [
            {
              spans: [
                {
                  trace_id: TRACE,
                  span_id: SPAN,
                  name: 'x',
                  kind: 'SPAN_KIND_CLIENT',
                  start_time_unix_nano: 5_000_000,
                  status: { code: 'STATUS_CODE_ERROR' },
                  attributes: [{ key: 'n', value: { int_value: 3, double_value: 9 } }],
                },
              ],
            },
          ],
        },
      ],
    };
    const [span] = decodeTraceRequest(json(body), 'json').spans;
    expect(span).toMatchObject({ traceId: TRACE, kind: 3, startTimeMs: 5, status: { code: 2 }, attributes: { n: 3 } });
    expect(span!.parentSpanId).toBeUndefined();
  });

  it('skips and counts spans with invalid ids, keeping the others', () => {
    const body = structuredClone(jsonRequest);
    const spans = body.resourceSpans[0]!.scopeSpans[0]!.spans;
    const good = spans[0]!;
    spans.push({ ...good, traceId: 'abc' }, { ...good, spanId: '0000000000000000' }, { ...good, parentSpanId: 'zz' });
    const decoded = decodeTraceRequest(json(body), 'json');
    expect(decoded.rejected).toBe(3);
    expect(decoded.spans).toHaveLength(1);
  });

  it.each([
    [
      'a span that is not an object',
      { resourceSpans: [{ scopeSpans: [{ spans: [42] }] }] },
      'resourceSpans[0].scopeSpans[0].spans[0]: expected an object',
    ],
    [
      'spans that are not an array',
      { resourceSpans: [{ scopeSpans: [{ spans: {} }] }] },
      'resourceSpans[0].scopeSpans[0].spans: expected an array',
    ],
    [
      'a name that is not a string',
      { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: TRACE, spanId: SPAN, name: 1 }] }] }] },
      '.name: expected a string',
    ],
    [
      'a bad time',
      { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: TRACE, spanId: SPAN, startTimeUnixNano: '-5' }] }] }] },
      'startTimeUnixNano: expected a non-negative integer',
    ],
    [
      'an attribute without a key',
      { resourceSpans: [{ resource: { attributes: [{ value: {} }] } }] },
      'resourceSpans[0].resource.attributes[0].key: expected a string',
    ],
    [
      'an unknown kind name',
      { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: TRACE, spanId: SPAN, kind: 'SERVER' }] }] }] },
      '.kind: expected one of',
    ],
  ])('rejects %s with a message saying where', (_name, body, message) => {
    expect(() => decodeTraceRequest(json(body), 'json')).toThrow(MalformedPayloadError);
    expect(() => decodeTraceRequest(json(body), 'json')).toThrow(message);
  });

  it('rejects attribute values nested absurdly deep', () => {
    let value: unknown = { stringValue: 'leaf' };
    for (let i = 0; i < 40; i++) value = { arrayValue: { values: [value] } };
    const body = { resourceSpans: [{ resource: { attributes: [{ key: 'deep', value }] } }] };
    expect(() => decodeTraceRequest(json(body), 'json')).toThrow('nested deeper than 16');
  });

  it('rejects bytes that are not protobuf, and an empty body is an empty request', () => {
    expect(() => decodeTraceRequest(new Uint8Array([0x0a, 0x05, 0x01]), 'protobuf')).toThrow(MalformedPayloadError);
    expect(decodeTraceRequest(new Uint8Array(0), 'protobuf')).toEqual({ spans: [], rejected: 0 });
    expect(() => decodeTraceRequest(new Uint8Array(0), 'json')).toThrow('body is not valid JSON');
  });
});
