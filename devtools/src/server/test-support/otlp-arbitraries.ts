import { gzipSync } from 'node:zlib';
import { AttributeName as A } from '@authlens/otel';
import fc from 'fast-check';
import { otlpProto } from '../otlp/otlp-proto.js';
import type { OtlpSignal } from '../otlp/otlp-response.js';

/**
 * fast-check generators for the OTLP decoders' fuzz tests: valid OTLP/JSON export requests (traces and metrics),
 * their protobuf encoding, and the ways a payload goes wrong on the wire or in a buggy exporter — truncation, byte
 * flips, wrong JSON types, huge numbers, deep nesting, broken gzip.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// All-zero ids are invalid in OTLP (such spans are skipped as rejected), so valid requests never carry them.
const hexId = (bytes: number) =>
  fc
    .uint8Array({ minLength: bytes, maxLength: bytes })
    .filter((id) => id.some((byte) => byte !== 0))
    .map(toHex);
const nanos = fc.bigInt({ min: 0n, max: 2n ** 63n }).map(String);

const anyValue: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ stringValue: fc.string({ maxLength: 12 }) }),
    fc.record({ boolValue: fc.boolean() }),
    fc.record({ intValue: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String) }),
    fc.record({ doubleValue: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
    fc.record({ arrayValue: fc.record({ values: fc.array(tie('value'), { maxLength: 3 }) }) }),
    fc.record({
      kvlistValue: fc.record({
        values: fc.array(fc.record({ key: fc.string(), value: tie('value') }), { maxLength: 3 }),
      }),
    }),
  ),
})).value;

const attributeKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString'));
const attributes = fc.array(fc.record({ key: attributeKey, value: anyValue }), { maxLength: 3 });

/** Attributes an authlens request carries, so that valid payloads become decisions in the store. */
const authlensAttributes = fc
  .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 12 }))
  .map(([requestId, path]) => [
    { key: A.requestId, value: { stringValue: `req_${requestId}` } },
    { key: A.urlPath, value: { stringValue: `/${path}` } },
  ]);

const span = fc.record({
  traceId: hexId(16),
  spanId: hexId(8),
  parentSpanId: fc.option(hexId(8), { nil: undefined }),
  name: fc.constantFrom('authlens.middleware', 'authlens.auth', 'authlens.protect', 'other'),
  kind: fc.integer({ min: 0, max: 5 }),
  startTimeUnixNano: nanos,
  endTimeUnixNano: nanos,
  attributes: fc.tuple(authlensAttributes, attributes).map(([a, b]) => [...a, ...b]),
  events: fc.array(fc.record({ name: fc.string(), timeUnixNano: nanos, attributes }), { maxLength: 2 }),
  links: fc.array(fc.record({ traceId: hexId(16), spanId: hexId(8), attributes }), { maxLength: 2 }),
  status: fc.record({ code: fc.integer({ min: 0, max: 2 }), message: fc.string() }),
});

/** A valid `ExportTraceServiceRequest` in OTLP/JSON. */
export const traceRequestJson: fc.Arbitrary<Json> = fc
  .array(
    fc.record({
      resource: fc.record({ attributes }),
      scopeSpans: fc.array(
        fc.record({
          scope: fc.record({ name: fc.string(), version: fc.string() }),
          spans: fc.array(span, { minLength: 1, maxLength: 3 }),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
    { minLength: 1, maxLength: 2 },
  )
  .map((resourceSpans) => JSON.parse(JSON.stringify({ resourceSpans })) as Json);

const numberPoint = fc.record({
  timeUnixNano: nanos,
  attributes,
  value: fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((asDouble) => ({ asDouble })),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => ({ asInt: String(n) })),
  ),
});
const metric = fc.oneof(
  fc.record({
    name: fc.string(),
    unit: fc.string(),
    gauge: fc.record({ dataPoints: fc.array(numberPoint, { maxLength: 3 }) }),
  }),
  fc.record({
    name: fc.string(),
    unit: fc.string(),
    sum: fc.record({ dataPoints: fc.array(numberPoint, { maxLength: 3 }) }),
  }),
  fc.record({
    name: fc.string(),
    unit: fc.string(),
    histogram: fc.record({
      dataPoints: fc.array(
        fc.record({
          timeUnixNano: nanos,
          attributes,
          count: nanos,
          sum: fc.double({ noNaN: true, noDefaultInfinity: true }),
        }),
        { maxLength: 3 },
      ),
    }),
  }),
);

/** A valid `ExportMetricsServiceRequest` in OTLP/JSON. */
export const metricsRequestJson: fc.Arbitrary<Json> = fc
  .array(
    fc.record({
      resource: fc.record({ attributes }),
      scopeMetrics: fc.array(fc.record({ metrics: fc.array(metric, { maxLength: 3 }) }), { maxLength: 2 }),
    }),
    {
      minLength: 1,
      maxLength: 2,
    },
  )
  .map((resourceMetrics) => {
    // `value` above only picks asDouble or asInt; flatten it into the point as OTLP/JSON spells it.
    const text = JSON.stringify({ resourceMetrics }, (key, value) =>
      key === 'dataPoints'
        ? (value as { value?: object }[]).map(({ value: v, ...rest }) => ({ ...rest, ...v }))
        : value,
    );
    return JSON.parse(text) as Json;
  });

/** The same request as OTLP protobuf bytes (ids hex in JSON, bytes in protobuf). */
export function toProtobuf(signal: OtlpSignal, request: Json): Uint8Array {
  const type = signal === 'traces' ? otlpProto().ExportTraceServiceRequest : otlpProto().ExportMetricsServiceRequest;
  const withBytes = JSON.parse(JSON.stringify(request), (key, value) =>
    ['traceId', 'spanId', 'parentSpanId'].includes(key) && typeof value === 'string'
      ? Buffer.from(value, 'hex')
      : value,
  );
  return type.encode(type.fromObject(withBytes)).finish();
}

/** Values a buggy or hostile exporter puts where another type belongs. */
export const weirdJson: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(
    1e308,
    -1e308,
    -1,
    2 ** 64,
    Number.MAX_SAFE_INTEGER + 2,
    0.5,
    '18446744073709551616',
    '99999999999999999999999999',
    '-1',
    '1e400',
    'NaN',
    'Infinity',
    '',
    '__proto__',
    true,
    null,
    [],
    {},
    JSON.parse('{"__proto__": {"polluted": true}}') as Json,
  ),
  fc.integer({ min: 1, max: 300 }).map(deeplyNested), // far past the decoders' limit of 16
);

/** `depth` levels of nesting, alternating the shapes OTLP nests (kvlist and array values). */
export function deeplyNested(depth: number): Json {
  let value: Json = { stringValue: 'bottom' };
  for (let i = 0; i < depth; i++) {
    value = i % 2 ? { arrayValue: { values: [value] } } : { kvlistValue: { values: [{ key: 'k', value }] } };
  }
  return value;
}

/**
 * A trace request whose one span has an attribute nested `depth` kvlist values deep, written as protobuf bytes by
 * hand (protobufjs' own encoder refuses to nest that deep).
 */
export function deeplyNestedProtobufTrace(depth: number): Uint8Array {
  const field = (number: number, payload: Uint8Array) =>
    Buffer.concat([varint((number << 3) | 2), varint(payload.length), payload]);
  let value: Uint8Array = field(1, Buffer.from('bottom')); // AnyValue.string_value
  for (let i = 0; i < depth; i++) {
    const keyValue = Buffer.concat([field(1, Buffer.from('k')), field(2, value)]); // KeyValue
    value = field(6, field(1, keyValue)); // AnyValue.kvlist_value → KeyValueList.values
  }
  const span = Buffer.concat([
    field(1, Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex')),
    field(2, Buffer.from('b7ad6b7169203331', 'hex')),
    field(9, Buffer.concat([field(1, Buffer.from('deep')), field(2, value)])),
  ]);
  return field(1, field(2, field(2, span))); // ExportTraceServiceRequest → ResourceSpans → ScopeSpans → Span
}

function varint(n: number): Uint8Array {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
  return Uint8Array.from(bytes);
}

/** Every place in a JSON value as [parent, key] pairs (iteratively: mutated values nest deep). */
function places(root: Json): [Json[] | { [key: string]: Json }, string | number][] {
  const out: [Json[] | { [key: string]: Json }, string | number][] = [];
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const value = stack.pop()!;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        out.push([value, i]);
        stack.push(item);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        out.push([value, key]);
        stack.push(item);
      }
    }
  }
  return out;
}

/** A structural mutation of a JSON request: a value replaced by one of the wrong type or size, or removed. */
export function mutatedJson(valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc
    .tuple(
      valid,
      fc.array(fc.tuple(fc.nat(), fc.oneof(weirdJson, fc.constant(undefined))), { minLength: 1, maxLength: 3 }),
    )
    .map(([request, edits]) => {
      const copy = JSON.parse(JSON.stringify(request)) as Json;
      for (const [pick, replacement] of edits) {
        const all = places(copy);
        if (all.length === 0) return replacement ?? null;
        const [parent, key] = all[pick % all.length]!;
        if (replacement === undefined) {
          if (Array.isArray(parent)) parent.splice(key as number, 1);
          else delete parent[key as string];
        } else {
          (parent as Record<string, Json>)[key as string] = replacement;
        }
      }
      return copy;
    });
}

/** A byte-level mutation: truncation, flipped bytes, inserted or overwritten garbage. */
export function mutatedBytes(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  const edit = fc.oneof(
    fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({
      op: fc.constant('insert' as const),
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
    }),
    fc.record({
      op: fc.constant('overwrite' as const),
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
    }),
  );
  return fc.tuple(valid, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([bytes, edits]) => {
    let out = Uint8Array.from(bytes);
    for (const e of edits) {
      const at = out.length === 0 ? 0 : e.at % out.length;
      if (e.op === 'truncate') out = out.slice(0, at);
      else if (e.op === 'flip') {
        if (out.length > 0) out[at]! ^= e.mask;
      } else if (e.op === 'insert') out = Uint8Array.from([...out.subarray(0, at), ...e.bytes, ...out.subarray(at)]);
      else out.set(e.bytes.subarray(0, Math.max(0, out.length - at)), at);
    }
    return out;
  });
}

export interface FuzzBody {
  signal: OtlpSignal;
  encoding: 'json' | 'protobuf';
  gzip: boolean;
  body: Uint8Array;
}

/** A request body of either signal and encoding, valid or mutated in any of the ways above, maybe gzipped. */
export function otlpBody(): fc.Arbitrary<FuzzBody> {
  return fc.constantFrom<OtlpSignal>('traces', 'metrics').chain((signal) => {
    const valid = signal === 'traces' ? traceRequestJson : metricsRequestJson;
    const jsonBytes = (json: fc.Arbitrary<Json>) =>
      json.map((value) => new TextEncoder().encode(JSON.stringify(value)));
    const protoBytes = (json: fc.Arbitrary<Json>) => json.map((value) => toProtobuf(signal, value));
    return fc
      .oneof(
        fc.record({ encoding: fc.constant('json' as const), body: jsonBytes(valid) }),
        fc.record({ encoding: fc.constant('json' as const), body: jsonBytes(mutatedJson(valid)) }),
        fc.record({ encoding: fc.constant('json' as const), body: mutatedBytes(jsonBytes(valid)) }),
        fc.record({ encoding: fc.constant('protobuf' as const), body: protoBytes(valid) }),
        fc.record({ encoding: fc.constant('protobuf' as const), body: mutatedBytes(protoBytes(valid)) }),
        fc.record({
          encoding: fc.constantFrom('json' as const, 'protobuf' as const),
          body: fc.uint8Array({ maxLength: 512 }),
        }),
      )
      .chain(({ encoding, body }) =>
        fc.oneof(
          fc.constant({ signal, encoding, gzip: false, body }),
          fc.constant({ signal, encoding, gzip: true, body: gzipSync(body) as Uint8Array }),
          mutatedBytes(fc.constant(gzipSync(body) as Uint8Array)).map((gz) => ({
            signal,
            encoding,
            gzip: true,
            body: gz,
          })),
        ),
      );
  });
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
