import { describe, expect, it } from 'vitest';
import { decodeTraceRequest } from './decode-trace-request.js';
import { otlpProto } from './otlp-proto.js';

// Found while fuzzing the decoders: an attribute named `__proto__` used to replace the attributes' prototype, so
// attributes that were never sent (here a request id) appeared as inherited values.
const request = {
  resourceSpans: [
    {
      scopeSpans: [
        {
          spans: [
            {
              traceId: '0af7651916cd43dd8448eb211c80319c',
              spanId: 'b7ad6b7169203331',
              attributes: [
                {
                  key: '__proto__',
                  value: { kvlistValue: { values: [{ key: 'authlens.request.id', value: { stringValue: 'req_x' } }] } },
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

describe('an attribute named __proto__', () => {
  it('stays an own attribute and never becomes the prototype (JSON and protobuf)', () => {
    const type = otlpProto().ExportTraceServiceRequest;
    const protobuf = JSON.parse(JSON.stringify(request), (key, value) =>
      key === 'traceId' || key === 'spanId' ? Buffer.from(value, 'hex') : value,
    );
    for (const [body, encoding] of [
      [new TextEncoder().encode(JSON.stringify(request)), 'json'],
      [type.encode(type.fromObject(protobuf)).finish(), 'protobuf'],
    ] as const) {
      const [span] = decodeTraceRequest(body, encoding).spans;
      expect(Object.getPrototypeOf(span!.attributes), encoding).toBe(Object.prototype);
      expect(span!.attributes['authlens.request.id'], encoding).toBeUndefined();
      expect(Object.keys(span!.attributes), encoding).toEqual(['__proto__']);
      expect(Object.getOwnPropertyDescriptor(span!.attributes, '__proto__')?.value, encoding).toEqual({
        'authlens.request.id': 'req_x',
      });
    }
  });
});
